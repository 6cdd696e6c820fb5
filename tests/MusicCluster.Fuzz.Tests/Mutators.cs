using CsCheck;

namespace MusicCluster.Fuzz.Tests;

/// <summary>Generators of mutations: a byte-level set for every format, and structural ones per container (RIFF, .npy, JSON, safetensors, CSV).</summary>
public static class Mutators
{
    private static readonly ulong[] Extremes = [0, 1, 2, 3, 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF, 1UL << 40, long.MaxValue, ulong.MaxValue];
    private static readonly byte[][] InvalidUtf8 = [[0xFF], [0xFE, 0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80]];

    private static readonly Gen<double> Position = Gen.Double[0, 1];
    private static readonly Gen<ulong> Extreme = Gen.OneOf(Extremes);

    /// <summary>Byte flips, truncation, insertion (noise, NUL runs, invalid UTF-8), deletion, duplicated and swapped ranges, integer fields set to extremes.</summary>
    public static readonly Gen<Mutation> Bytes = Gen.Frequency(
        (5, Gen.Select(Position, Gen.Byte, (p, m) => (Mutation)new FlipBits(p, m))),
        (3, Position.Select(k => (Mutation)new Truncate(k))),
        (2, Gen.Select(Position, Gen.Byte.Array[1, 24], (p, b) => (Mutation)new Insert(p, b))),
        (1, Gen.Select(Position, Gen.Int[1, 2048], (p, n) => (Mutation)new Insert(p, new byte[n]))),
        (2, Gen.Select(Position, Gen.OneOf(InvalidUtf8), (p, b) => (Mutation)new Insert(p, b))),
        (1, Gen.Select(Position, Gen.Int[1, 64], (p, n) => (Mutation)new Delete(p, n))),
        (1, Gen.Select(Position, Gen.Int[1, 256], (p, n) => (Mutation)new Duplicate(p, n))),
        (1, Gen.Select(Position, Gen.Int[1, 64], (p, n) => (Mutation)new SwapRanges(p, n))),
        (4, Gen.Select(Gen.Int[0, 160], Gen.OneOf(2, 4, 8), Extreme, (o, w, v) => (Mutation)new SetField(o, w, v))));

    /// <summary>Ogg: <see cref="Bytes"/>, mostly with the page checksums recomputed afterwards (<see cref="OggResealed"/>).</summary>
    public static readonly Gen<Mutation> Ogg = Gen.Frequency(
        (1, Bytes),
        (3, Bytes.Select(m => (Mutation)new OggResealed(m))),
        (1, Gen.Int[2, 3].SelectMany(n => Bytes.Array[n]).Select(a => (Mutation)new OggResealed(new Several(a)))));

    /// <summary>RIFF/WAVE: chunk sizes, duplicated and reordered chunks, extreme channel, rate, block-align and bit-depth fields; plus <see cref="Bytes"/>.</summary>
    public static readonly Gen<Mutation> Riff = Gen.Frequency(
        (3, Bytes),
        (4, Gen.Select(Gen.OneOf(Enum.GetValues<RiffEditKind>()), Gen.Int[0, 7], Gen.Int[0, 5],
            Gen.Frequency((3, Extreme), (2, Gen.OneOf<ulong>(1, 2, 3, 7, 8, 12, 16, 20, 24, 32, 33, 48, 64, 255, 1000, 1023, 1024, 1025, 8000, 44100, 4_194_304, 4_194_305, 0xFFFE))),
            (k, c, f, v) => (Mutation)new RiffEdit(k, c, f, v))),
        (1, Gen.Int[2, 3].SelectMany(n => Bytes.Array[n]).Select(a => (Mutation)new Several(a))));

    /// <summary>.npy: replaced shapes (huge, overflowing, negative, empty, 64 axes, malformed), dtypes and flags; plus <see cref="Bytes"/>.</summary>
    public static readonly Gen<Mutation> Npy = Gen.Frequency(
        (3, Bytes),
        (3, Gen.OneOf(
            "(2147483647, 2147483647)", "(4294967295,)", "(9223372036854775807,)", "(99999999999999999999,)", "(65536, 65536)", "(-1, 3)", "(0, 4)",
            "(4, 0)", "()", "(" + string.Concat(Enumerable.Repeat("1, ", 64)) + ")", "(3 4)", "(3,,4)", "(abc)", "(1, 2, 3, 4)", "(12,)", "(2, 6)", "(6, 2)")
            .Select(s => (Mutation)new NpyShape(s))),
        (2, Gen.OneOf(
            new ReplaceText("<f4", ">f4"), new ReplaceText("<f4", "<f8"), new ReplaceText("<f4", "|O"), new ReplaceText("<f4", "<c16"),
            new ReplaceText("False", "True"), new ReplaceText("'descr'", "'desc'"), new ReplaceText("'shape'", "'shap'"), new ReplaceText("{", ""),
            new ReplaceText("}", ""), new ReplaceText("NUMPY", "NUMPX")).Select(m => (Mutation)m)));

    /// <summary>JSON text: deep nesting, huge and odd numbers, lone surrogates, NUL, broken structure; plus <see cref="Bytes"/>.</summary>
    public static readonly Gen<Mutation> Json = Gen.Frequency(
        (3, Bytes),
        (2, Gen.Select(Gen.OneOf(65, 1000, 100_000), Gen.Bool, (d, o) => (Mutation)new JsonNest(d, o))),
        (3, Gen.Select(Gen.OneOf(":", ",", "[", "\""), Gen.Int[0, 5], Gen.OneOf(
            ": 1e999", ": -1", ": 2147483648", ": 18446744073709551616", ": null", ": true", ": \"\\ud800\"", ": \"\u0000\"", ": NaN", ": []", ": {}",
            ": " + new string('[', 200) + new string(']', 200), ": \"" + new string('x', 100_000) + "\"", ": 0.5", ": \"auto\""),
            (find, k, with) => (Mutation)new ReplaceText(find == ":" ? ":" : find, find == ":" ? with : find + with.TrimStart(':', ' '), k))));

    /// <summary>safetensors: the 8-byte header length set to extremes, the JSON header mutated (with a consistent length), huge shapes and offsets; plus <see cref="Bytes"/>.</summary>
    public static readonly Gen<Mutation> SafeTensors = Gen.Frequency(
        (3, Bytes),
        (2, Extreme.Select(v => (Mutation)new SetField(0, 8, v))),
        (3, Json.Select(m => (Mutation)new SafetensorsHeader(m))),
        (2, Gen.OneOf(
            new ReplaceText("\"shape\":[", "\"shape\":[2147483647,2147483647,"), new ReplaceText("\"shape\":[", "\"shape\":[-1,"),
            new ReplaceText("\"shape\":[", "\"shape\":[4294967296,"), new ReplaceText("\"data_offsets\":[0,", "\"data_offsets\":[18446744073709551615,"),
            new ReplaceText("\"data_offsets\":[", "\"data_offsets\":[-8,"), new ReplaceText("\"F32\"", "\"F64\""), new ReplaceText("\"F32\"", "\"BF16\""),
            new ReplaceText("\"dtype\"", "\"dtyp\""), new ReplaceText("__metadata__", "__metadata_"), new ReplaceText("\"kind\":\"Vae\"", "\"kind\":\"ConvVae\""),
            new ReplaceText("\"config\":\"{", "\"config\":\"[{"), new ReplaceText("\"epoch\":\"", "\"epoch\":\"-"))
            .Select(m => (Mutation)new SafetensorsHeader(m))));

    /// <summary>CSV text: quotes, separators, line breaks, BOMs and very long cells; plus <see cref="Bytes"/>.</summary>
    public static readonly Gen<Mutation> Csv = Gen.Frequency(
        (3, Bytes),
        (3, Gen.Select(Position, Gen.OneOf("\"", ",", "\n", "\r", "\r\n", "\"\"", ",,,,", "\uFEFF", "\u0000", "NaN", "1e999", "-0", "∞", "\u2028",
            new string('9', 400), new string('a', 70_000), "\"" + new string('b', 10_000)),
            (p, s) => (Mutation)new Insert(p, System.Text.Encoding.UTF8.GetBytes(s)))),
        (1, Gen.Int[2, 3].SelectMany(n => Bytes.Array[n]).Select(a => (Mutation)new Several(a))));
}
