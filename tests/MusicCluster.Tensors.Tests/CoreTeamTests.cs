using MusicCluster.Tensors;

namespace MusicCluster.Tensors.Tests;

/// <summary>The worker team runs every part exactly once, whoever calls it and however calls nest.</summary>
public class CoreTeamTests
{
    [Fact]
    public void EveryPartRunsExactlyOnceAcrossManyShortCalls()
    {
        for (int call = 0; call < 2000; call++)
        {
            int parts = 1 + call % 7;
            var counts = new int[parts];
            CoreTeam.Run(parts, part => Interlocked.Increment(ref counts[part]));
            Assert.All(counts, c => Assert.Equal(1, c));
        }
    }

    [Fact]
    public void NestedAndConcurrentCallsComplete()
    {
        // A part that calls the team again, and four threads calling at once, fall back to Parallel.For and still
        // run each of their parts once.
        var totals = new long[4];
        var threads = new Thread[4];
        for (int t = 0; t < threads.Length; t++)
        {
            int id = t;
            threads[t] = new Thread(() =>
            {
                for (int call = 0; call < 200; call++)
                    CoreTeam.Run(3, outer => CoreTeam.Run(5, inner => Interlocked.Add(ref totals[id], outer * 5 + inner + 1)));
            });
            threads[t].Start();
        }
        foreach (var thread in threads) Assert.True(thread.Join(TimeSpan.FromMinutes(1)), "a team call did not finish");
        Assert.All(totals, total => Assert.Equal(200L * (15 * 16 / 2), total));
    }

    [Fact]
    public async Task CallsFromTasksAndPoolThreadsRunEveryPartOnce()
    {
        // These keep Parallel.For's behaviour (the cores are usually busy with the caller's own loop).
        var counts = new int[64 * 6];
        Parallel.For(0, 64, outer => CoreTeam.Run(6, part => Interlocked.Increment(ref counts[outer * 6 + part])));
        await Task.Run(() => CoreTeam.Run(6, part => Interlocked.Increment(ref counts[part])));
        for (int i = 0; i < counts.Length; i++) Assert.Equal(i < 6 ? 2 : 1, counts[i]);
    }

    [Fact]
    public void AFailingPartsExceptionReachesTheCaller()
    {
        int finished = 0;
        var error = Assert.Throws<InvalidOperationException>(() => CoreTeam.Run(6, part =>
        {
            if (part == 2) throw new InvalidOperationException("part 2 failed");
            Interlocked.Increment(ref finished);
        }));
        Assert.Equal("part 2 failed", error.Message); // itself, not wrapped, whether the team or Parallel.For ran it
        Assert.InRange(finished, 0, 5);
        // The team is usable again.
        int ran = 0;
        CoreTeam.Run(4, _ => Interlocked.Increment(ref ran));
        Assert.Equal(4, ran);
    }
}
