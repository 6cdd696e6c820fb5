using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using MusicCluster.Tensors;

namespace MusicCluster.Models.Checkpoints;

/// <summary>The contents of a safetensors file: named tensors (in file order) and the string metadata.</summary>
public sealed record SafeTensorsContent<T>(IReadOnlyList<KeyValuePair<string, Tensor<T>>> Tensors, IReadOnlyDictionary<string, string> Metadata)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>True when the file carried our whole-file checksum and it matched (false for files written by other tools).</summary>
    public bool ChecksumVerified { get; init; }

    /// <summary>The tensors by name.</summary>
    public Dictionary<string, Tensor<T>> ToDictionary()
    {
        var d = new Dictionary<string, Tensor<T>>(StringComparer.Ordinal);
        foreach (var (k, v) in Tensors) d[k] = v;
        return d;
    }
}

/// <summary>Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header, raw little-endian data.</summary>
/// <remarks>
/// The header maps each name to {dtype, shape, data_offsets} (offsets relative to the data section) plus an optional
/// <c>__metadata__</c> map of strings. Reading is strict: every size is checked against the file before anything is
/// allocated, tensors must tile the data section exactly, and the dtype must be the one asked for (F32 or F64).
/// </remarks>
public static class SafeTensorsFile
{
    /// <summary>Largest header accepted (the format's reference implementation uses the same 100 MB cap).</summary>
    public const int MaxHeaderBytes = 100_000_000;

    /// <summary>The <c>__metadata__</c> key of the whole-file checksum every file written here carries (see <see cref="EmbeddedChecksum"/>).</summary>
    public const string ChecksumKey = "checksum";

    /// <summary>Writes <paramref name="tensors"/> and <paramref name="metadata"/> to <paramref name="path"/> atomically.</summary>
    public static void Write<T>(string path, IReadOnlyList<KeyValuePair<string, Tensor<T>>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string dtype = DType<T>();
        int size = Marshal.SizeOf<T>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var headerStream = new MemoryStream();
        using (var json = new Utf8JsonWriter(headerStream))
        {
            json.WriteStartObject();
            json.WriteStartObject("__metadata__");
            foreach (var (k, v) in metadata ?? new Dictionary<string, string>())
                if (k != ChecksumKey) json.WriteString(k, v);
            json.WriteString(ChecksumKey, EmbeddedChecksum.Placeholder);
            json.WriteEndObject();
            long offset = 0;
            foreach (var (name, t) in tensors)
            {
                if (name == "__metadata__" || !names.Add(name)) throw new ArgumentException($"safetensors: tensor name '{name}' is reserved or repeated");
                json.WriteStartObject(name);
                json.WriteString("dtype", dtype);
                json.WriteStartArray("shape");
                foreach (int d in t.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset += (long)t.Length * size;
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        int padded = (int)((headerStream.Length + 7) / 8 * 8);
        while (headerStream.Length < padded) headerStream.WriteByte((byte)' ');
        var headerBytes = headerStream.GetBuffer().AsSpan(0, padded);
        int placeholder = EmbeddedChecksum.FindPlaceholder(headerBytes);
        if (placeholder < 0) throw new ArgumentException("safetensors: a metadata value holds the checksum placeholder text");
        var header = headerBytes.ToArray();

        AtomicWrite.Write(path, stream =>
        {
            // The checksum covers the whole file with its own digits zeroed: hash while writing, then fill the digits in.
            using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
            Span<byte> len = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)padded);
            stream.Write(len);
            hash.AppendData(len);
            stream.Write(header);
            hash.AppendData(header);
            foreach (var (_, t) in tensors)
            {
                var values = t.ToArray();
                if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors writing needs a little-endian machine");
                var raw = MemoryMarshal.AsBytes(values.AsSpan());
                stream.Write(raw);
                hash.AppendData(raw);
            }
            stream.Position = 8 + placeholder + EmbeddedChecksum.Prefix.Length;
            stream.Write(EmbeddedChecksum.Hex(hash.GetHashAndReset()));
        });
    }

    /// <summary>Reads every tensor of <paramref name="path"/> as <typeparamref name="T"/>, with errors that name the file and the entry.</summary>
    public static SafeTensorsContent<T> Read<T>(string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InvalidDataException($"{path}: cannot read checkpoint: {e.Message}", e); }
        return Parse<T>(bytes, path);
    }

    /// <summary>Parses safetensors bytes; <paramref name="source"/> names them in errors.</summary>
    public static SafeTensorsContent<T> Parse<T>(ReadOnlySpan<byte> bytes, string source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (bytes.Length < 8) throw Bad(source, $"file is {bytes.Length} bytes, too short for the 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > MaxHeaderBytes || headerLength > (ulong)(bytes.Length - 8))
            throw Bad(source, $"header length {headerLength} does not fit in the {bytes.Length}-byte file (truncated or not a safetensors file)");
        var header = bytes.Slice(8, (int)headerLength);
        var data = bytes[(8 + (int)headerLength)..];

        // JsonDocument accepts invalid UTF-8 inside strings and fails only when one is read: check the whole header first.
        if (!System.Text.Unicode.Utf8.IsValid(header)) throw Bad(source, "header is not valid UTF-8");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(header.ToArray()); }
        catch (JsonException e) { throw Bad(source, $"header is not valid JSON: {e.Message}"); }
        using var _ = doc;
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw Bad(source, "header is not a JSON object");
        bool verified = false;

        string want = DType<T>();
        int size = Marshal.SizeOf<T>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<(string Name, int[] Shape, long Begin, long End)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var prop in doc.RootElement.EnumerateObject())
        {
            if (!seen.Add(prop.Name)) throw Bad(source, $"entry '{prop.Name}' appears twice in the header");
            if (prop.Name == "__metadata__")
            {
                if (prop.Value.ValueKind != JsonValueKind.Object) throw Bad(source, "__metadata__ is not an object");
                foreach (var m in prop.Value.EnumerateObject())
                {
                    if (m.Value.ValueKind != JsonValueKind.String) throw Bad(source, $"__metadata__ entry '{m.Name}' is not a string");
                    if (!metadata.TryAdd(m.Name, m.Value.GetString()!)) throw Bad(source, $"__metadata__ entry '{m.Name}' appears twice");
                }
                continue;
            }
            entries.Add(ParseEntry(prop, want, size, data.Length, source));
        }

        if (metadata.Remove(ChecksumKey))
        {
            // Any damage that left the header readable is caught here, before a value of it is trusted.
            if (EmbeddedChecksum.Verify(bytes, 8, (int)headerLength) != ChecksumStatus.Valid)
                throw Bad(source, "the checksum does not match: the file was truncated or damaged after it was written");
            verified = true;
        }

        // Tensors must tile the data section exactly: no overlaps, no gaps, nothing left over.
        var sorted = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToList();
        long expected = 0;
        foreach (var e in sorted)
        {
            if (e.Begin != expected) throw Bad(source, $"tensor '{e.Name}' starts at byte {e.Begin} of the data section, expected {expected} (overlap or gap)");
            expected = e.End;
        }
        if (expected != data.Length) throw Bad(source, $"data section is {data.Length} bytes but the tensors cover {expected}");

        var tensors = new List<KeyValuePair<string, Tensor<T>>>(entries.Count);
        foreach (var e in entries)
        {
            var values = new T[(e.End - e.Begin) / size];
            data.Slice((int)e.Begin, (int)(e.End - e.Begin)).CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
            tensors.Add(new(e.Name, Tensor<T>.Wrap(values, e.Shape)));
        }
        return new SafeTensorsContent<T>(tensors, metadata) { ChecksumVerified = verified };
    }

    private static (string, int[], long, long) ParseEntry(JsonProperty prop, string want, int size, int dataLength, string source)
    {
        var v = prop.Value;
        if (v.ValueKind != JsonValueKind.Object
            || !v.TryGetProperty("dtype", out var dt) || dt.ValueKind != JsonValueKind.String
            || !v.TryGetProperty("shape", out var sh) || sh.ValueKind != JsonValueKind.Array
            || !v.TryGetProperty("data_offsets", out var off) || off.ValueKind != JsonValueKind.Array || off.GetArrayLength() != 2)
            throw Bad(source, $"tensor '{prop.Name}' needs dtype, shape and data_offsets [begin, end]");
        string dtype = dt.GetString()!;
        if (dtype != want) throw Bad(source, $"tensor '{prop.Name}' has dtype {dtype}; expected {want}");
        var shape = new int[sh.GetArrayLength()];
        long count = 1;
        int i = 0;
        foreach (var d in sh.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out int n) || n < 0) throw Bad(source, $"tensor '{prop.Name}' has an invalid shape {sh.GetRawText()}");
            shape[i++] = n;
            count *= n;
            if (count > dataLength) throw Bad(source, $"tensor '{prop.Name}' of shape {sh.GetRawText()} is larger than the file's data section");
        }
        long begin = off[0].TryGetInt64(out long b) ? b : -1, end = off[1].TryGetInt64(out long e) ? e : -1;
        if (begin < 0 || end < begin || end > dataLength) throw Bad(source, $"tensor '{prop.Name}' has data_offsets {off.GetRawText()} outside the {dataLength}-byte data section");
        if (end - begin != count * size) throw Bad(source, $"tensor '{prop.Name}' of shape {sh.GetRawText()} needs {count * size} bytes but data_offsets {off.GetRawText()} give {end - begin}");
        return (prop.Name, shape, begin, end);
    }

    private static string DType<T>() => typeof(T) == typeof(float) ? "F32" : typeof(T) == typeof(double) ? "F64"
        : throw new NotSupportedException($"safetensors: element type {typeof(T).Name} is not supported (F32 or F64)");

    private static InvalidDataException Bad(string source, string message) => new($"{source}: invalid safetensors file: {message}");
}
