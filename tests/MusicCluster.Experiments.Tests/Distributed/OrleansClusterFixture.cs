using MusicCluster.Experiments.Distributed;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace MusicCluster.Experiments.Tests.Distributed;

/// <summary>Three in-process silos on dynamically chosen loopback ports, shared by the tests of <see cref="OrleansCollection"/>.</summary>
public sealed class OrleansClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(3);
        builder.AddSiloBuilderConfigurator<Configurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        // Deployment returns once each silo has started; wait until the membership view lists all three as active too.
        var management = Cluster.Client.GetGrain<IManagementGrain>(0);
        for (int i = 0; i < 100 && (await management.GetHosts(onlyActive: true)).Count < 3; i++) await Task.Delay(100);
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo) => silo.AddMusicCluster();
    }
}

/// <summary>Tests that share one three-silo TestingHost cluster.</summary>
[CollectionDefinition("Orleans")]
public sealed class OrleansCollection : ICollectionFixture<OrleansClusterFixture>;
