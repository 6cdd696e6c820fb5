using System.Collections.Concurrent;
using System.Numerics;

namespace MusicCluster.Experiments.Dsp;

/// <summary>Shared read-only analysis windows, one per (kind, length, n_fft): every STFT of a collection uses the same few.</summary>
internal static class Windows<T> where T : IFloatingPointIeee754<T>
{
    private static readonly ConcurrentDictionary<(WindowKind, int, int), T[]> Cache = new();

    /// <summary><see cref="Window.Centered{T}"/>, computed once; callers must not write to it.</summary>
    public static T[] For(WindowKind kind, int winLength, int nFft) => Cache.GetOrAdd((kind, winLength, nFft), k => Window.Centered<T>(k.Item1, k.Item2, k.Item3));
}
