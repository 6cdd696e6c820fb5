namespace MusicCluster.Experiments.Audio.Flac;

/// <summary>Decodes one subframe (RFC 9639 §9.2): constant, verbatim, fixed or LPC prediction over Rice-coded residuals, and wasted bits.</summary>
internal static class FlacSubframe
{
    /// <summary>Fills <paramref name="s"/> (one block of one channel) from the reader; <paramref name="bps"/> includes the side-channel bit.</summary>
    public static void Decode(ref FlacBitReader br, Span<long> s, int bps)
    {
        if (br.ReadBits(1) != 0) throw new InvalidDataException("a subframe's padding bit is set");
        int type = br.ReadInt(6);
        int wasted = 0;
        if (br.ReadBits(1) != 0)
        {
            wasted = (int)br.ReadUnary(32) + 1;
            if (wasted > bps) throw new InvalidDataException($"{wasted} wasted bits in a {bps}-bit subframe");
            bps -= wasted;
        }
        if (type == 0) s.Fill(br.ReadSigned(bps));
        else if (type == 1) for (int i = 0; i < s.Length; i++) s[i] = br.ReadSigned(bps);
        else if (type is >= 8 and <= 12) Fixed(ref br, s, bps, type - 8);
        else if (type >= 32) Lpc(ref br, s, bps, (type & 31) + 1);
        else throw new InvalidDataException($"reserved subframe type {type}");
        if (wasted > 0)
            for (int i = 0; i < s.Length; i++) s[i] <<= wasted;
    }

    private static void Fixed(ref FlacBitReader br, Span<long> s, int bps, int order)
    {
        if (order > s.Length) throw new InvalidDataException($"fixed predictor order {order} exceeds the block size {s.Length}");
        for (int i = 0; i < order; i++) s[i] = br.ReadSigned(bps);
        Residual(ref br, s, order);
        switch (order)
        {
            case 1: for (int i = 1; i < s.Length; i++) s[i] += s[i - 1]; break;
            case 2: for (int i = 2; i < s.Length; i++) s[i] += 2 * s[i - 1] - s[i - 2]; break;
            case 3: for (int i = 3; i < s.Length; i++) s[i] += 3 * (s[i - 1] - s[i - 2]) + s[i - 3]; break;
            case 4: for (int i = 4; i < s.Length; i++) s[i] += 4 * (s[i - 1] + s[i - 3]) - 6 * s[i - 2] - s[i - 4]; break;
        }
    }

    private static void Lpc(ref FlacBitReader br, Span<long> s, int bps, int order)
    {
        if (order > s.Length) throw new InvalidDataException($"LPC order {order} exceeds the block size {s.Length}");
        for (int i = 0; i < order; i++) s[i] = br.ReadSigned(bps);
        int precision = br.ReadInt(4) + 1;
        if (precision == 16) throw new InvalidDataException("invalid LPC coefficient precision (0b1111)");
        int shift = (int)br.ReadSigned(5);
        if (shift < 0) throw new InvalidDataException($"negative LPC shift {shift}");
        // Reversed, so that the dot product runs forward over the preceding samples.
        Span<long> c = stackalloc long[32];
        c = c[..order];
        for (int j = 0; j < order; j++) c[order - 1 - j] = br.ReadSigned(precision);
        Residual(ref br, s, order);
        Predict(s, c, shift);
    }

    private static void Predict(Span<long> s, ReadOnlySpan<long> c, int shift)
    {
        int order = c.Length;
        if (order == 1) { long c0 = c[0]; for (int i = 1; i < s.Length; i++) s[i] += (c0 * s[i - 1]) >> shift; return; }
        for (int i = order; i < s.Length; i++)
        {
            var w = s.Slice(i - order, order);
            long sum = 0;
            int j = 0;
            for (; j + 4 <= order; j += 4)
                sum += c[j] * w[j] + c[j + 1] * w[j + 1] + c[j + 2] * w[j + 2] + c[j + 3] * w[j + 3];
            for (; j < order; j++) sum += c[j] * w[j];
            s[i] += sum >> shift;
        }
    }

    /// <summary>The residual (RFC 9639 §9.2.7) for samples [order, length), Rice partitions with escape codes.</summary>
    private static void Residual(ref FlacBitReader br, Span<long> s, int order)
    {
        int method = br.ReadInt(2);
        if (method > 1) throw new InvalidDataException($"reserved residual coding method {method}");
        int paramBits = method == 0 ? 4 : 5, escape = method == 0 ? 15 : 31;
        int partitionOrder = br.ReadInt(4);
        int partitions = 1 << partitionOrder;
        if ((s.Length & (partitions - 1)) != 0) throw new InvalidDataException($"block size {s.Length} is not divisible into {partitions} residual partitions");
        int size = s.Length >> partitionOrder;
        if (size < order) throw new InvalidDataException($"residual partition of {size} samples is shorter than the predictor order {order}");
        int at = order;
        for (int p = 0; p < partitions; p++)
        {
            int n = p == 0 ? size - order : size;
            int k = br.ReadInt(paramBits);
            var dst = s.Slice(at, n);
            if (k == escape)
            {
                int bits = br.ReadInt(5);
                for (int i = 0; i < dst.Length; i++) dst[i] = br.ReadSigned(bits);
            }
            else br.ReadRice(dst, k);
            at += n;
        }
    }
}
