using MusicCluster.Experiments.Cli;
using MusicCluster.Experiments.Data;

namespace MusicCluster.Experiments.Tests.Cli;

public class MatrixFileTests
{
    [Fact]
    public void ReadsCsvWithAndWithoutHeader()
    {
        using var dir = new TempDir();
        var a = MatrixFile.Read(dir.Write("a.csv", "x,y\n1,2\n3.5,-4e2\n"));
        Assert.Equal((2, 2), (a.Rows, a.Columns));
        Assert.Equal(["x", "y"], a.Header!);
        Assert.Equal([1f, 2f, 3.5f, -400f], a.Data);
        var b = MatrixFile.Read(dir.Write("b.csv", "1,2,3\n\n4,5,6\n"));
        Assert.Equal((2, 3), (b.Rows, b.Columns));
        Assert.Null(b.Header);
    }

    [Theory]
    [InlineData("1,2\n3\n", "line 2 has 1 cells")]
    [InlineData("1,2\n3,abc\n", "line 2, column 2: 'abc' is not a number")]
    [InlineData("1,2\nnan,3\n", "line 2, column 1")]
    [InlineData("1,2\n3,inf\n", "line 2, column 2")]
    [InlineData("1,2\n3,Infinity\n", "not a finite")]
    [InlineData("a,b\n", "no data rows")]
    [InlineData("", "no data rows")]
    [InlineData("1,2\n3,1e300\n", "not a finite float32")]
    public void BadCsvGivesAClearError(string text, string message)
    {
        using var dir = new TempDir();
        var path = dir.Write("bad.csv", text);
        var e = Assert.Throws<UserInputException>(() => MatrixFile.Read(path));
        Assert.Contains(message, e.Message);
        Assert.Contains("bad.csv", e.Message);
    }

    [Fact]
    public void ReadsNpyAndRejectsNonFiniteValues()
    {
        using var dir = new TempDir();
        var p = dir.File("m.npy");
        NpyFile.Write(p, [1f, 2f, 3f, 4f, 5f, 6f], 3, 2);
        var m = MatrixFile.Read(p);
        Assert.Equal((3, 2), (m.Rows, m.Columns));
        // numpy's own float64 file: parsed, then refused because 1e300 does not fit in float32.
        var f8 = Assert.Throws<UserInputException>(() => MatrixFile.Read(Path.Combine(AppContext.BaseDirectory, "fixtures", "data", "matrix_f8.npy")));
        Assert.Contains("row 1, column 1 (1E+300) does not fit in float32", f8.Message);
        var iris = MatrixFile.Read(Path.Combine(AppContext.BaseDirectory, "fixtures", "clustering", "iris_head_f8.npy"));
        Assert.Equal((6, 4), (iris.Rows, iris.Columns));
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f], iris.Data.Take(4));
        var q = dir.File("nan.npy");
        NpyFile.Write(q, [1f, float.NaN], 1, 2);
        Assert.Contains("NaN", Assert.Throws<UserInputException>(() => MatrixFile.Read(q)).Message);
    }

    [Fact]
    public void LabelsMustBeOneIntegerColumn()
    {
        using var dir = new TempDir();
        Assert.Equal([0, 2, -1], MatrixFile.ReadLabels(dir.Write("l.csv", "label\n0\n2\n-1\n")));
        Assert.Contains("not an integer", Assert.Throws<UserInputException>(() => MatrixFile.ReadLabels(dir.Write("f.csv", "0.5\n"))).Message);
        Assert.Contains("one column", Assert.Throws<UserInputException>(() => MatrixFile.ReadLabels(dir.Write("t.csv", "1,2\n"))).Message);
    }

    [Fact]
    public void WritesCsvThatReadsBack()
    {
        using var dir = new TempDir();
        var p = dir.File("o.csv");
        MatrixFile.WriteCsv(p, [1.25f, -3f, 1e-7f, 4f], 2, 2, ["u", "v"]);
        var m = MatrixFile.Read(p);
        Assert.Equal([1.25f, -3f, 1e-7f, 4f], m.Data);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }
}
