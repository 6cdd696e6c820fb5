using System.Globalization;
using System.Text;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Data;

/// <summary>Reads n×d float32 matrices and label vectors from .csv (optional header) or .npy, and writes CSV atomically.</summary>
/// <remarks>Every error names the file and, for CSV, the line and column; NaN and infinity are rejected on input.</remarks>
public static class MatrixFile
{
    /// <summary>A matrix read from disk: row-major values, rows, columns, and the CSV header if there was one.</summary>
    public sealed record Matrix(float[] Data, int Rows, int Columns, string[]? Header);

    /// <summary>Reads a matrix from <paramref name="path"/> (.npy by extension, CSV otherwise).</summary>
    public static Matrix Read(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"{path}: file not found");
        return path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) ? ReadNpy(path) : ReadCsv(path);
    }

    /// <summary>Reads integer labels (one column, optional header) from .csv or a 1-D/n×1 .npy.</summary>
    public static int[] ReadLabels(string path)
    {
        var m = Read(path);
        if (m.Columns != 1) throw new UserInputException($"{path}: a label file needs exactly one column, found {m.Columns}");
        var labels = new int[m.Rows];
        for (int i = 0; i < m.Rows; i++)
        {
            float v = m.Data[i];
            if (v != MathF.Round(v) || Math.Abs(v) > 1 << 24) throw new UserInputException($"{path}: label {v} in data row {i + 1} is not an integer");
            labels[i] = (int)v;
        }
        return labels;
    }

    private static Matrix ReadNpy(string path)
    {
        var a = NpyFile.Read(path);
        int rows, cols;
        if (a.Shape.Length == 2) (rows, cols) = (a.Shape[0], a.Shape[1]);
        else if (a.Shape.Length == 1) (rows, cols) = (a.Shape[0], 1);
        else throw new UserInputException($"{path}: expected a 2-D array, got shape ({string.Join(", ", a.Shape)})");
        if (rows == 0 || cols == 0) throw new UserInputException($"{path}: the array is empty (shape {rows}×{cols})");
        var data = new float[a.Data.Length];
        for (int i = 0; i < data.Length; i++)
        {
            double v = a.Data[i];
            if (!double.IsFinite(v)) throw new UserInputException($"{path}: row {i / cols}, column {i % cols} is {v} (NaN and infinity are not allowed)");
            if (Math.Abs(v) > float.MaxValue) throw new UserInputException($"{path}: row {i / cols}, column {i % cols} ({v}) does not fit in float32");
            data[i] = (float)v;
        }
        return new Matrix(data, rows, cols, null);
    }

    private static Matrix ReadCsv(string path)
    {
        string[] lines;
        try { lines = File.ReadAllLines(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserInputException($"{path}: cannot read ({e.Message})", e); }
        var values = new List<float>();
        string[]? header = null;
        int cols = -1, rows = 0;
        for (int ln = 0; ln < lines.Length; ln++)
        {
            string line = lines[ln].Trim();
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            if (cols < 0 && header is null && rows == 0 && !cells.Any(c => IsNumber(c)))
            {
                header = cells.Select(c => c.Trim().Trim('"')).ToArray();
                cols = cells.Length;
                continue;
            }
            if (cols < 0) cols = cells.Length;
            if (cells.Length != cols)
                throw new UserInputException($"{path}: line {ln + 1} has {cells.Length} cells but {(header is null ? "the first row" : "the header")} has {cols} (ragged rows)");
            for (int c = 0; c < cells.Length; c++)
            {
                string cell = cells[c].Trim();
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                    throw new UserInputException($"{path}: line {ln + 1}, column {c + 1}: '{Shorten(cell)}' is not a number");
                if (!double.IsFinite(v) || Math.Abs(v) > float.MaxValue)
                    throw new UserInputException($"{path}: line {ln + 1}, column {c + 1}: '{Shorten(cell)}' is not a finite float32 value (NaN and infinity are not allowed)");
                values.Add((float)v);
            }
            rows++;
        }
        if (rows == 0) throw new UserInputException($"{path}: no data rows");
        return new Matrix(values.ToArray(), rows, cols, header);
    }

    private static bool IsNumber(string cell) => double.TryParse(cell.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..37] + "...";

    /// <summary>Writes a row-major matrix as CSV with a header line, atomically (temporary file, then rename).</summary>
    public static void WriteCsv(string path, ReadOnlySpan<float> data, int rows, int cols, IReadOnlyList<string> header)
    {
        if (header.Count != cols) throw new ArgumentException($"header has {header.Count} names for {cols} columns");
        var sb = new StringBuilder(rows * cols * 10 + 64);
        sb.AppendJoin(',', header).Append('\n');
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                if (j > 0) sb.Append(',');
                sb.Append(data[i * cols + j].ToString("R", CultureInfo.InvariantCulture));
            }
            sb.Append('\n');
        }
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    /// <summary>Writes one integer label per line under a <c>label</c> header, atomically.</summary>
    public static void WriteLabels(string path, ReadOnlySpan<int> labels)
    {
        var sb = new StringBuilder(labels.Length * 3 + 8);
        sb.Append("label\n");
        foreach (int l in labels) sb.Append(l.ToString(CultureInfo.InvariantCulture)).Append('\n');
        AtomicFile.WriteAllText(path, sb.ToString());
    }
}
