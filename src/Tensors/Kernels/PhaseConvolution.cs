using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MusicCluster.Tensors.Kernels;

/// <summary>Stride-2 convolutions computed straight from stride-2 phase planes: no im2col and no packed B operand.</summary>
/// <remarks>
/// An image split into its four (even/odd row, even/odd column) phases turns every tap of a stride-2 kernel into a
/// stride-1 read of one phase plane, so the micro-kernel loads its B vectors directly from the planes through a table of
/// per-k offsets: the unfolded matrix is never written. The forward pass keeps the k order, the KC blocking and the
/// arithmetic of <see cref="Gemm"/>, so it is bit-identical to the im2col path. The input gradient is the transposed
/// convolution, computed per output phase as a stride-1 correlation of the output gradient (each gradient element one
/// dot product over (Cout, taps), instead of a sum of scattered column entries). Taken for float on AVX-512 and on
/// AVX2 with FMA when output rows are 8 or 16 pixels wide: the middle layers of a conv VAE. A micro-tile is 32 pixels
/// of 512-bit vectors, or 16 of 256-bit ones (AVX2 has 16 registers: 12 accumulators, two B vectors and a broadcast).
/// </remarks>
internal static unsafe class PhaseConvolution
{
    // The micro-tile: MR rows of the result by 32 pixels (two output rows of 16 or four of 8) with AVX-512, or by 16
    // (one output row of 16 or two of 8) with AVX2.
    private const int MR = PhaseMicroKernels.MR;

    private static int TilePixels => PhaseMicroKernels.TilePixels;

    private static int KC => GemmDriver<float, GemmKernel512<float>>.KC;

    /// <summary>Whether the forward pass (and the weight-free gradient, see <see cref="SuitsBackwardInput"/>) can run here.</summary>
    public static bool SuitsForward<T>(in Conv2dGeometry g) =>
        typeof(T) == typeof(float) && PhaseMicroKernels.IsSupported && GemmKernel512<float>.MR == MR && GemmKernel256<float>.MR == MR
        && g.StrideH == 2 && g.StrideW == 2 && (g.OutWidth == 8 || g.OutWidth == 16) && g.OutHeight * g.OutWidth % TilePixels == 0;

    /// <summary>Whether the input gradient can run here: as the forward pass, with the input exactly twice the output.</summary>
    public static bool SuitsBackwardInput<T>(in Conv2dGeometry g) =>
        SuitsForward<T>(g) && g.InHeight == 2 * g.OutHeight && g.InWidth == 2 * g.OutWidth;

    // Where tap k of a kernel dimension lands: input index 2·out − pad + k = 2·(out + shift) + phase.
    private static (int Phase, int Shift) Tap(int k, int pad)
    {
        int q = k - pad, phase = q & 1;
        return (phase, (q - phase) >> 1);
    }

    /// <summary>The phase planes' extent for one dimension: the smallest shift of any tap, and rows (or columns) per plane.</summary>
    private static (int MinShift, int Extent) PlaneExtent(int kernel, int pad, int outSize)
    {
        int min = Tap(0, pad).Shift, max = Tap(kernel - 1, pad).Shift;
        return (min, outSize + max - min);
    }

    /// <summary>output = conv(input, packedWeight) + bias for the whole batch; the weight packed by <see cref="Gemm.PackA{T}"/>.</summary>
    public static void Forward(in Conv2dGeometry g, float* input, float* packedWeight, float* bias, float* output)
    {
        int kh = g.KernelHeight, kw = g.KernelWidth, cin = g.InChannels, cout = g.OutChannels, k = cin * kh * kw;
        int oh = g.OutHeight, ow = g.OutWidth, s = oh * ow, inImage = cin * g.InHeight * g.InWidth, outImage = cout * s;
        var (dyMin, rows) = PlaneExtent(kh, g.PadH, oh);
        var (dxMin, cols) = PlaneExtent(kw, g.PadW, ow);
        int planeLength = rows * cols, planesLength = cin * 4 * planeLength;
        var offsets = TapOffsets(g, dyMin, dxMin, planeLength, cols, k);
        var geometry = g;
        // The scratch is pinned, so the table's address holds while the workers read it.
        nint ax = (nint)input, aw = (nint)packedWeight, ab = (nint)bias, ay = (nint)output, ao = (nint)Unsafe.AsPointer(ref offsets[0]);
        Conv2dKernels.ForEach(g.Batch, (long)cout * k * s * g.Batch, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (n) =>
        {
            int* off = (int*)ao;
            fixed (float* planes = ConvScratch.First<float>(planesLength + 16))
            {
                float* image = (float*)ax + (nint)n * inImage, outImg = (float*)ay + (nint)n * outImage;
                BuildPlanes(geometry, image, dyMin, rows, dxMin, cols, planes);
                Product((float*)aw, cout, k, planes, off, cols, ow, oh, outImg, s);
                if (ab != 0)
                    for (int co = 0; co < cout; co++)
                        Conv2dKernels.AddScalar(new Span<float>(outImg + (nint)co * s, s), ((float*)ab)[co]);
            }
        });
    }

    /// <summary>gradInput (overwritten) = convᵀ(gradOutput, weight) for the whole batch, one output phase at a time.</summary>
    public static void BackwardInput(in Conv2dGeometry g, float* gradOutput, ReadOnlySpan<float> weight, float* gradInput)
    {
        int kh = g.KernelHeight, kw = g.KernelWidth, cin = g.InChannels, cout = g.OutChannels;
        int oh = g.OutHeight, ow = g.OutWidth, s = oh * ow, inImage = cin * g.InHeight * g.InWidth, outImage = cout * s;
        // Input row 2·Y + py receives output row Y + ey from each tap ky with ky ≡ py + pad (mod 2), ey = (py + pad − ky)/2.
        int eyMin = (0 + g.PadH - (kh - 1)) >> 1, eyMax = (1 + g.PadH) >> 1, exMin = (0 + g.PadW - (kw - 1)) >> 1, exMax = (1 + g.PadW) >> 1;
        int rows = oh + eyMax - eyMin, cols = ow + exMax - exMin, planeLength = rows * cols;
        // Per phase: the dense Wᵀ slice [Cin × (co, ky, kx) of that phase], packed, and the taps' offsets in the planes.
        var depth = new int[4];
        var packedAt = new long[5];
        for (int phase = 0; phase < 4; phase++)
        {
            depth[phase] = cout * TapCount(kh, g.PadH, phase >> 1) * TapCount(kw, g.PadW, phase & 1);
            packedAt[phase + 1] = packedAt[phase] + Gemm.PackedLength<float>(cin, depth[phase]);
        }
        var packed = ConvScratch.Packed<float>(checked((int)packedAt[4]));
        var offsets = ConvScratch.Table<int>(depth[0] + depth[1] + depth[2] + depth[3]);
        var dense = ConvScratch.Third<float>(cin * Math.Max(Math.Max(depth[0], depth[1]), Math.Max(depth[2], depth[3])));
        for (int phase = 0, at = 0; phase < 4; at += depth[phase], phase++)
        {
            int py = phase >> 1, px = phase & 1, d = depth[phase], p = 0;
            for (int co = 0; co < cout; co++)
                for (int ky = 0; ky < kh; ky++)
                {
                    if (((ky - py - g.PadH) & 1) != 0) continue;
                    for (int kx = 0; kx < kw; kx++)
                    {
                        if (((kx - px - g.PadW) & 1) != 0) continue;
                        int ey = (py + g.PadH - ky) >> 1, ex = (px + g.PadW - kx) >> 1;
                        offsets[at + p] = co * planeLength + (ey - eyMin) * cols + ex - exMin;
                        for (int ci = 0; ci < cin; ci++)
                            dense[ci * d + p] = weight[((co * cin + ci) * kh + ky) * kw + kx];
                        p++;
                    }
                }
            Gemm.PackA(false, cin, d, dense, d, packed.Slice((int)packedAt[phase]));
        }
        var geometry = g;
        int planesLength = cout * planeLength;
        fixed (float* pw = packed)
        {
            nint ag = (nint)gradOutput, aw = (nint)pw, ai = (nint)gradInput, ao = (nint)Unsafe.AsPointer(ref offsets[0]);
            Conv2dKernels.ForEach(g.Batch, (long)cout * cin * kh * kw * s * g.Batch, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (n) =>
            {
                int* off = (int*)ao;
                fixed (float* planes = ConvScratch.First<float>(planesLength + 16))
                fixed (float* phases = ConvScratch.Second<float>(4 * cin * s))
                {
                    float* grads = (float*)ag + (nint)n * outImage;
                    // The gradient planes: each output channel zero-padded so that every tap's read stays inside.
                    new Span<float>(planes, planesLength).Clear();
                    for (int co = 0; co < cout; co++)
                        for (int y = 0; y < oh; y++)
                            new ReadOnlySpan<float>(grads + (nint)co * s + y * ow, ow)
                                .CopyTo(new Span<float>(planes + (nint)co * planeLength + (y - eyMin) * cols - exMin, ow));
                    for (int phase = 0, at = 0; phase < 4; at += depth[phase], phase++)
                        if (depth[phase] == 0) new Span<float>(phases + (nint)phase * cin * s, cin * s).Clear(); // no tap reaches this phase
                        else Product((float*)aw + packedAt[phase], cin, depth[phase], planes, off + at, cols, ow, oh, phases + (nint)phase * cin * s, s);
                    Interleave(phases, cin, oh, ow, (float*)ai + (nint)n * inImage);
                }
            });
        }
    }

    /// <summary>gradWeight (overwritten) = Σ over images of gradOut · unfolded input, read from the input's phase planes.</summary>
    /// <remarks>Computed transposed, gradWᵀ[tap × Cout]: each tap row broadcasts its plane pixels while 32 output channels of
    /// the transposed gradient are the vectors. Images are summed in groups fixed by the batch size, partials added in order.</remarks>
    public static void BackwardWeight(in Conv2dGeometry g, float* input, float* gradOutput, int groups, float* gradWeight)
    {
        int kh = g.KernelHeight, kw = g.KernelWidth, cin = g.InChannels, cout = g.OutChannels, k = cin * kh * kw;
        int oh = g.OutHeight, ow = g.OutWidth, s = oh * ow, inImage = cin * g.InHeight * g.InWidth, outImage = cout * s;
        var (dyMin, rows) = PlaneExtent(kh, g.PadH, oh);
        var (dxMin, cols) = PlaneExtent(kw, g.PadW, ow);
        int planeLength = rows * cols, planesLength = cin * 4 * planeLength;
        int coutPadded = (cout + TilePixels - 1) / TilePixels * TilePixels, kPadded = (k + MR - 1) / MR * MR;
        int partialLength = kPadded * coutPadded, batch = g.Batch;
        var offsets = TapOffsets(g, dyMin, dxMin, planeLength, cols, kPadded);
        var partials = ConvScratch.Third<float>(groups * partialLength);
        var geometry = g;
        fixed (float* pp = partials)
        {
            nint ax = (nint)input, ag = (nint)gradOutput, ap = (nint)pp, ao = (nint)Unsafe.AsPointer(ref offsets[0]);
            Conv2dKernels.ForEach(groups, (long)cout * k * s * batch, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (group) =>
            {
                int first = (int)((long)batch * group / groups), end = (int)((long)batch * (group + 1) / groups);
                float* partial = (float*)ap + (nint)group * partialLength;
                new Span<float>(partial, partialLength).Clear();
                // A few images at a time (their planes within about half of L2), so each tile of the partial is loaded
                // and stored once per chunk rather than once per image.
                int chunk = Math.Clamp((1 << 17) / (planesLength + 16), 1, end - first);
                int* off = (int*)ao;
                fixed (float* planes = ConvScratch.First<float>(chunk * (planesLength + 16)))
                fixed (float* transposed = ConvScratch.Second<float>(chunk * s * coutPadded))
                {
                    new Span<float>(transposed, chunk * s * coutPadded).Clear();
                    for (int n0 = first; n0 < end; n0 += chunk)
                    {
                        int count = Math.Min(chunk, end - n0);
                        for (int i = 0; i < count; i++)
                        {
                            BuildPlanes(geometry, (float*)ax + (nint)(n0 + i) * inImage, dyMin, rows, dxMin, cols, planes + (nint)i * (planesLength + 16));
                            float* grads = (float*)ag + (nint)(n0 + i) * outImage, t = transposed + (nint)i * s * coutPadded;
                            for (int co = 0; co < cout; co++)
                                for (int p = 0; p < s; p++) t[p * coutPadded + co] = grads[co * s + p];
                        }
                        for (int t = 0; t < kPadded; t += MR)
                            for (int c0 = 0; c0 < coutPadded; c0 += TilePixels)
                                PhaseMicroKernels.WeightTile(count, planesLength + 16, oh, ow, cols, planes, off + t, transposed + c0, coutPadded, partial + (nint)t * coutPadded + c0);
                    }
                }
            });
        }
        // Partials added in group order, then gradWᵀ transposed back in blocks of 16 taps (16 rows read, 16 values written per channel).
        var total = partials[..partialLength];
        for (int group = 1; group < groups; group++)
            TensorPrimitives.Add(total, partials.Slice(group * partialLength, partialLength), total);
        for (int t0 = 0; t0 < k; t0 += 16)
        {
            int t1 = Math.Min(k, t0 + 16);
            for (int co = 0; co < cout; co++)
                for (int t = t0; t < t1; t++) gradWeight[co * k + t] = total[t * coutPadded + co];
        }
    }

    // The offset of tap (ci, ky, kx) in the planes, relative to the pixel it is read for; taps past k repeat tap 0
    // (their rows of the result are padding).
    private static Span<int> TapOffsets(in Conv2dGeometry g, int dyMin, int dxMin, int planeLength, int cols, int length)
    {
        int kh = g.KernelHeight, kw = g.KernelWidth, k = g.InChannels * kh * kw;
        var offsets = ConvScratch.Table<int>(length);
        for (int p = 0; p < k; p++)
        {
            int ci = p / (kh * kw), ky = p / kw % kh, kx = p % kw;
            var (py, dy) = Tap(ky, g.PadH);
            var (px, dx) = Tap(kx, g.PadW);
            offsets[p] = ((ci * 2 + py) * 2 + px) * planeLength + (dy - dyMin) * cols + dx - dxMin;
        }
        for (int p = k; p < length; p++) offsets[p] = offsets[0];
        return offsets;
    }

    private static int TapCount(int kernel, int pad, int phase)
    {
        int count = 0;
        for (int k = 0; k < kernel; k++)
            if (((k - phase - pad) & 1) == 0) count++;
        return count;
    }

    // result[m × (y,x)] = A[m × k] · planes[offsets[p] + y·cols + x]: KC blocks of k, each meeting every MR-row tile of A
    // while its B rows (a few tile rows of the planes) stay in L1; rows past m go through a scratch tile.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Product(float* packedA, int m, int k, float* planes, int* offsets, int cols, int ow, int oh, float* result, int s)
    {
        int padded = (m + MR - 1) / MR * MR, rowsPerTile = TilePixels / ow;
        float* tile = stackalloc float[MR * PhaseMicroKernels.MaxTilePixels];
        for (int y0 = 0; y0 < oh; y0 += rowsPerTile)
        {
            float* b = planes + (nint)y0 * cols;
            float* c = result + (nint)y0 * ow;
            for (int p0 = 0; p0 < k; p0 += KC)
            {
                int kc = Math.Min(KC, k - p0);
                float* a = packedA + (nint)p0 * padded;
                for (int q = 0; q < padded; q += MR)
                {
                    bool add = p0 > 0;
                    if (q + MR <= m)
                    {
                        PhaseMicroKernels.Tile(kc, a + (nint)q * kc, b, offsets + p0, cols, ow, c + (nint)q * s, s, add);
                        continue;
                    }
                    PhaseMicroKernels.Tile(kc, a + (nint)q * kc, b, offsets + p0, cols, ow, tile, TilePixels, false);
                    for (int r = 0; r < m - q; r++)
                    {
                        float* dst = c + (nint)(q + r) * s;
                        for (int j = 0; j < TilePixels; j++) dst[j] = add ? dst[j] + tile[r * TilePixels + j] : tile[r * TilePixels + j];
                    }
                }
            }
        }
    }

    // planes[(ci, py, px)][r][c] = image[ci, 2(r + dyMin) + py, 2(c + dxMin) + px], zero outside the image.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BuildPlanes(in Conv2dGeometry g, float* image, int dyMin, int rows, int dxMin, int cols, float* planes)
    {
        int h = g.InHeight, w = g.InWidth;
        float* imageEnd = image + (nint)g.InChannels * h * w;
        for (int ci = 0; ci < g.InChannels; ci++)
            for (int py = 0; py < 2; py++)
                for (int px = 0; px < 2; px++)
                {
                    // Plane columns c0..c1 read inside the image: 0 ≤ 2(c + dxMin) + px < w.
                    int c0 = Math.Clamp((-2 * dxMin - px + 1) >> 1, 0, cols);
                    int c1 = Math.Clamp(((w - px + 1) >> 1) - dxMin, c0, cols);
                    for (int r = 0; r < rows; r++, planes += cols)
                    {
                        int iy = 2 * (r + dyMin) + py;
                        if ((uint)iy >= (uint)h)
                        {
                            new Span<float>(planes, cols).Clear();
                            continue;
                        }
                        for (int c = 0; c < c0; c++) planes[c] = 0;
                        float* src = image + ((nint)ci * h + iy) * w + 2 * (c0 + dxMin) + px;
                        // The vector copy may write past c1 within the planes buffer; the zeros below and the next row overwrite it.
                        StrideTwo.Gather(src, planes + c0, c1 - c0, imageEnd, planes + cols + 16);
                        for (int c = c1; c < cols; c++) planes[c] = 0;
                    }
                }
    }

    // gradInput[ci, 2Y + py, 2X + px] = phases[(py, px)][ci][Y][X]: each input row interleaves the two column phases.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Interleave(float* phases, int cin, int oh, int ow, float* gradInput)
    {
        int s = oh * ow, w = 2 * ow;
        if (!Avx512F.IsSupported)
        {
            InterleaveAvx2(phases, cin, oh, ow, gradInput);
            return;
        }
        var low = Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
        var high = Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
        var eight = Vector512.Create(0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15);
        for (int ci = 0; ci < cin; ci++)
            for (int y = 0; y < oh; y++)
                for (int py = 0; py < 2; py++)
                {
                    float* even = phases + ((nint)(py * 2) * cin + ci) * s + y * ow;
                    float* odd = phases + ((nint)(py * 2 + 1) * cin + ci) * s + y * ow;
                    float* dst = gradInput + ((nint)ci * 2 * oh + 2 * y + py) * w;
                    if (ow == 16)
                    {
                        var e = Vector512.Load(even);
                        var o = Vector512.Load(odd);
                        Vector512.Store(Avx512F.PermuteVar16x32x2(e, low, o), dst);
                        Vector512.Store(Avx512F.PermuteVar16x32x2(e, high, o), dst + 16);
                    }
                    else
                    {
                        var both = Vector512.Create(Vector256.Load(even), Vector256.Load(odd));
                        Vector512.Store(Avx512F.PermuteVar16x32(both, eight), dst);
                    }
                }
    }

    // As Interleave with 256-bit vectors: unpack pairs 8 pixels at a time, then put the 128-bit halves back in order.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void InterleaveAvx2(float* phases, int cin, int oh, int ow, float* gradInput)
    {
        int s = oh * ow, w = 2 * ow;
        for (int ci = 0; ci < cin; ci++)
            for (int y = 0; y < oh; y++)
                for (int py = 0; py < 2; py++)
                {
                    float* even = phases + ((nint)(py * 2) * cin + ci) * s + y * ow;
                    float* odd = phases + ((nint)(py * 2 + 1) * cin + ci) * s + y * ow;
                    float* dst = gradInput + ((nint)ci * 2 * oh + 2 * y + py) * w;
                    for (int x = 0; x < ow; x += 8)
                    {
                        var e = Vector256.Load(even + x);
                        var o = Vector256.Load(odd + x);
                        var low = Avx.UnpackLow(e, o);
                        var high = Avx.UnpackHigh(e, o);
                        Vector256.Store(Avx.Permute2x128(low, high, 0x20), dst + 2 * x);
                        Vector256.Store(Avx.Permute2x128(low, high, 0x31), dst + 2 * x + 8);
                    }
                }
    }
}
