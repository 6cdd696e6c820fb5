using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;

namespace MusicCluster.Experiments.Tests.Data;

public class NpyFileTests
{
    [Fact]
    public void RoundTripsFloat32()
    {
        string path = Path.Combine(Path.GetTempPath(), $"npy-{Guid.NewGuid():N}.npy");
        try
        {
            float[] data = [1f, -2.5f, 3e-8f, 4f, 5f, 6f];
            NpyFile.Write(path, data, 2, 3);
            var read = NpyFile.Read(path);
            Assert.Equal([2, 3], read.Shape);
            Assert.Equal(data.Select(v => (double)v), read.Data);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void ReadsNumpyWrittenFloat64()
    {
        var read = NpyFile.Read(Path.Combine(AppContext.BaseDirectory, "fixtures", "data", "matrix_f8.npy"));
        Assert.Equal([3, 2], read.Shape);
        Assert.Equal([0.5, -1, 2, 1e300, -3.25, 7], read.Data);
    }

    [Fact]
    public void RejectsTruncatedDataNamingTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"npy-{Guid.NewGuid():N}.npy");
        try
        {
            NpyFile.Write(path, [1f, 2f, 3f, 4f], 4);
            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..^3]);
            var e = Assert.Throws<UserInputException>(() => NpyFile.Read(path));
            Assert.Contains(path, e.Message);
            Assert.Contains("data bytes", e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void RejectsTextFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"npy-{Guid.NewGuid():N}.npy");
        try
        {
            File.WriteAllText(path, "1,2,3\n4,5,6\n");
            var e = Assert.Throws<UserInputException>(() => NpyFile.Read(path));
            Assert.Contains("not a .npy file", e.Message);
        }
        finally { File.Delete(path); }
    }
}
