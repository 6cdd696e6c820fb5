using System.Buffers.Binary;
using System.Text;
using MusicCluster.Experiments.Cli;

namespace MusicCluster.Experiments.Data;

/// <summary>Reads and writes NumPy <c>.npy</c> files (format 1.0–3.0, little-endian float32/float64, C order).</summary>
public static class NpyFile
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    // A header is a short Python dict literal; anything longer than this is not a file we wrote or numpy wrote.
    private const int MaxHeaderBytes = 1 << 16;

    /// <summary>An array read from a .npy file: row-major values widened to float64 and the shape.</summary>
    public sealed record Array(double[] Data, int[] Shape);

    /// <summary>Reads a float32 or float64 C-order array; errors name the file and what is wrong.</summary>
    public static Array Read(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserInputException($"{path}: cannot read ({e.Message})", e); }
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
            throw new UserInputException($"{path}: not a .npy file (missing the \\x93NUMPY magic)");
        int major = bytes[6];
        int headerLength, headerStart;
        if (major == 1) { headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)); headerStart = 10; }
        else if (major is 2 or 3)
        {
            if (bytes.Length < 12) throw new UserInputException($"{path}: truncated .npy header");
            uint len = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
            if (len > MaxHeaderBytes) throw new UserInputException($"{path}: .npy header length {len} is implausible");
            headerLength = (int)len; headerStart = 12;
        }
        else throw new UserInputException($"{path}: unsupported .npy format version {major}");
        if (headerStart + headerLength > bytes.Length) throw new UserInputException($"{path}: truncated .npy header");
        string header = Encoding.Latin1.GetString(bytes, headerStart, headerLength);

        string descr = HeaderValue(header, "descr", path).Trim().Trim('\'', '"');
        bool fortran = HeaderValue(header, "fortran_order", path).Trim() == "True";
        if (fortran) throw new UserInputException($"{path}: Fortran-order arrays are not supported; save with np.ascontiguousarray");
        int elementSize = descr switch
        {
            "<f4" or "=f4" or "f4" => 4,
            "<f8" or "=f8" or "f8" => 8,
            _ => throw new UserInputException($"{path}: dtype '{descr}' is not supported (use little-endian float32 or float64)"),
        };
        int[] shape = ParseShape(HeaderValue(header, "shape", path), path);
        long count = 1;
        foreach (int s in shape) count = checked(count * s);
        int dataStart = headerStart + headerLength;
        long expected = count * elementSize;
        if (bytes.Length - dataStart != expected)
            throw new UserInputException($"{path}: shape ({string.Join(", ", shape)}) needs {expected} data bytes but the file has {bytes.Length - dataStart}");
        var data = new double[count];
        var span = bytes.AsSpan(dataStart);
        for (long i = 0; i < count; i++)
            data[i] = elementSize == 4
                ? BinaryPrimitives.ReadSingleLittleEndian(span.Slice((int)(i * 4), 4))
                : BinaryPrimitives.ReadDoubleLittleEndian(span.Slice((int)(i * 8), 8));
        return new Array(data, shape);
    }

    /// <summary>Writes a float32 C-order array atomically (temporary file, then rename).</summary>
    public static void Write(string path, ReadOnlySpan<float> data, params int[] shape)
    {
        long count = 1;
        foreach (int s in shape) count = checked(count * s);
        if (count != data.Length) throw new ArgumentException($"shape ({string.Join(", ", shape)}) holds {count} values but {data.Length} were given");
        string shapeText = shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        string dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': {shapeText}, }}";
        int total = Magic.Length + 4 + dict.Length + 1;
        int padded = (total + 63) / 64 * 64;
        string header = dict + new string(' ', padded - total) + "\n";
        var buffer = new byte[padded + data.Length * 4L];
        Magic.CopyTo(buffer, 0);
        buffer[6] = 1; buffer[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(8), (ushort)header.Length);
        Encoding.Latin1.GetBytes(header, buffer.AsSpan(10));
        for (int i = 0; i < data.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(padded + i * 4), data[i]);
        AtomicFile.WriteAllBytes(path, buffer);
    }

    private static string HeaderValue(string header, string key, string path)
    {
        int k = header.IndexOf($"'{key}'", StringComparison.Ordinal);
        if (k < 0) throw new UserInputException($"{path}: .npy header has no '{key}'");
        int colon = header.IndexOf(':', k);
        if (colon < 0) throw new UserInputException($"{path}: malformed .npy header (no value for '{key}')");
        int end = key == "shape" ? header.IndexOf(')', colon) + 1 : header.IndexOfAny([',', '}'], colon);
        if (end <= colon) throw new UserInputException($"{path}: malformed .npy header");
        return header[(colon + 1)..end];
    }

    private static int[] ParseShape(string text, string path)
    {
        var inner = text.Trim().TrimStart('(').TrimEnd(')');
        var parts = inner.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var shape = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], out shape[i]) || shape[i] < 0)
                throw new UserInputException($"{path}: malformed shape '{text.Trim()}' in .npy header");
        return shape;
    }
}
