namespace MusicCluster.Tensors.Tests;

public class SkeletonTests
{
    [Fact]
    public void Builds() => Assert.True(true);
}
