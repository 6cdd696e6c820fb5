using System.Buffers.Binary;

namespace MusicCluster.Fuzz.Tests;

/// <summary>One change to an input file; positions are fractions of the input so that one generated mutation fits any seed.</summary>
public abstract record Mutation
{
    /// <summary>The damaged copy of <paramref name="input"/> (the input itself is not changed).</summary>
    public abstract byte[] Apply(byte[] input);

    /// <summary>A byte index in [0, length) from a fraction in [0, 1).</summary>
    protected static int At(double fraction, int length) => length == 0 ? 0 : Math.Min(length - 1, (int)(fraction * length));
}

/// <summary>XORs one byte with a mask.</summary>
public sealed record FlipBits(double Position, byte Mask) : Mutation
{
    public override byte[] Apply(byte[] input)
    {
        var b = (byte[])input.Clone();
        if (b.Length > 0) b[At(Position, b.Length)] ^= Mask == 0 ? (byte)1 : Mask;
        return b;
    }
}

/// <summary>Cuts the input to a fraction of its length (a kill during a write, a partial download).</summary>
public sealed record Truncate(double Keep) : Mutation
{
    public override byte[] Apply(byte[] input) => input[..(int)(Keep * input.Length)];
}

/// <summary>Inserts bytes at a position (NUL runs, invalid UTF-8, random noise).</summary>
public sealed record Insert(double Position, byte[] Bytes) : Mutation
{
    public override byte[] Apply(byte[] input)
    {
        int at = input.Length == 0 ? 0 : At(Position, input.Length + 1);
        return [.. input.AsSpan(0, at), .. Bytes, .. input.AsSpan(at)];
    }

    public override string ToString() => $"Insert {{ Position = {Position:F3}, Bytes = {Convert.ToHexString(Bytes[..Math.Min(16, Bytes.Length)])}{(Bytes.Length > 16 ? "…" : "")} ({Bytes.Length}) }}";
}

/// <summary>Removes a range.</summary>
public sealed record Delete(double Position, int Length) : Mutation
{
    public override byte[] Apply(byte[] input)
    {
        int at = At(Position, input.Length), n = Math.Min(Length, input.Length - at);
        return [.. input.AsSpan(0, at), .. input.AsSpan(at + n)];
    }
}

/// <summary>Repeats a range right after itself (a duplicated chunk, row or key).</summary>
public sealed record Duplicate(double Position, int Length) : Mutation
{
    public override byte[] Apply(byte[] input)
    {
        int at = At(Position, input.Length), n = Math.Min(Length, input.Length - at);
        return [.. input.AsSpan(0, at + n), .. input.AsSpan(at, n), .. input.AsSpan(at + n)];
    }
}

/// <summary>Exchanges two adjacent ranges (reordered chunks or fields).</summary>
public sealed record SwapRanges(double Position, int Length) : Mutation
{
    public override byte[] Apply(byte[] input)
    {
        int at = At(Position, input.Length), n = Math.Min(Length, (input.Length - at) / 2);
        if (n == 0) return (byte[])input.Clone();
        return [.. input.AsSpan(0, at), .. input.AsSpan(at + n, n), .. input.AsSpan(at, n), .. input.AsSpan(at + 2 * n)];
    }
}

/// <summary>Overwrites a little-endian integer field of 2, 4 or 8 bytes (size, count and offset fields set to 0, 1, 2³¹−1, 2³²−1, …).</summary>
public sealed record SetField(int Offset, int Width, ulong Value) : Mutation
{
    public override byte[] Apply(byte[] input)
    {
        var b = (byte[])input.Clone();
        if (Offset < 0 || Offset + Width > b.Length) return b;
        var span = b.AsSpan(Offset, Width);
        switch (Width)
        {
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)Value); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)Value); break;
            default: BinaryPrimitives.WriteUInt64LittleEndian(span, Value); break;
        }
        return b;
    }
}

/// <summary>Replaces the first occurrence of a text by another (a shape, a number, a key), leaving the input unchanged when absent.</summary>
public sealed record ReplaceText(string Find, string With, int Occurrence = 0) : Mutation
{
    public override byte[] Apply(byte[] input)
    {
        var find = System.Text.Encoding.UTF8.GetBytes(Find);
        int at = -1, from = 0;
        for (int k = 0; k <= Occurrence; k++)
        {
            int i = input.AsSpan(from).IndexOf(find);
            if (i < 0) break;
            at = from + i;
            from = at + 1;
        }
        if (at < 0) return (byte[])input.Clone();
        return [.. input.AsSpan(0, at), .. System.Text.Encoding.UTF8.GetBytes(With), .. input.AsSpan(at + find.Length)];
    }

    public override string ToString() => $"ReplaceText {{ Find = {Find}, With = {(With.Length > 40 ? With[..40] + $"… ({With.Length} chars)" : With)}, Occurrence = {Occurrence} }}";
}

/// <summary>Applies several mutations in turn.</summary>
public sealed record Several(Mutation[] Steps) : Mutation
{
    public override byte[] Apply(byte[] input)
    {
        foreach (var m in Steps) input = m.Apply(input);
        return input;
    }

    public override string ToString() => $"Several [{string.Join(", ", Steps.Select(s => s.ToString()))}]";
}
