using System.Text;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Data;

/// <summary>True classes for scoring: any strings ("synth", "en", 3), one per row, as scikit-learn's label metrics accept.</summary>
public static class TruthLabels
{
    /// <summary>
    /// Reads one class per line from a one-column CSV (cells may be quoted) or a 1-D .npy, and returns them as integer codes
    /// (classes in ordinal order). A first line is a header when the file has exactly <paramref name="rows"/> + 1 values.
    /// </summary>
    public static (int[] Codes, string[] Classes) Read(string path, int rows)
    {
        var values = path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase)
            ? MatrixFile.ReadLabels(path).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList()
            : ReadCells(path);
        if (values.Count == rows + 1) values.RemoveAt(0);
        else if (values.Count != rows)
            throw new UserInputException($"{path} has {values.Count} labels but the matrix has {rows} rows");
        var classes = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < classes.Length; i++) index[classes[i]] = i;
        return (values.Select(v => index[v]).ToArray(), classes);
    }

    private static List<string> ReadCells(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"{path}: file not found");
        string text;
        try { text = File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true)); }
        catch (DecoderFallbackException) { throw new UserInputException($"{path}: not UTF-8 text"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserInputException($"{path}: cannot read ({e.Message})", e); }
        var cells = new List<string>();
        int line = 0;
        foreach (string raw in text.TrimStart('\uFEFF').Split('\n'))
        {
            line++;
            string s = raw.TrimEnd('\r').Trim();
            if (s.Length == 0) continue;
            cells.Add(Cell(s, path, line));
        }
        if (cells.Count == 0) throw new UserInputException($"{path}: no labels");
        return cells;
    }

    private static string Cell(string s, string path, int line)
    {
        if (s[0] != '"')
        {
            if (s.Contains(',')) throw new UserInputException($"{path} line {line}: a label file needs exactly one column (quote labels that contain commas)");
            return s;
        }
        if (s.Length < 2 || s[^1] != '"') throw new UserInputException($"{path} line {line}: unterminated quoted label");
        string inner = s[1..^1];
        if (inner.Replace("\"\"", "").Contains('"')) throw new UserInputException($"{path} line {line}: a label file needs exactly one column");
        return inner.Replace("\"\"", "\"");
    }
}
