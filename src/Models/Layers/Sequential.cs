using System.Numerics;
using System.Globalization;
using MusicCluster.Autograd;

namespace MusicCluster.Models.Layers;

/// <summary>Layers applied in order, named "0", "1", … as in <c>torch.nn.Sequential</c>.</summary>
public sealed class Sequential<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Layer<T>[] _layers;

    /// <summary>Chains <paramref name="layers"/>.</summary>
    public Sequential(params Layer<T>[] layers)
    {
        _layers = (Layer<T>[])layers.Clone();
        for (int i = 0; i < _layers.Length; i++) RegisterModule(i.ToString(CultureInfo.InvariantCulture), _layers[i]);
    }

    /// <summary>The layers.</summary>
    public IReadOnlyList<Layer<T>> Layers => _layers;

    /// <inheritdoc />
    public override Variable<T> Forward(Variable<T> x)
    {
        foreach (var layer in _layers) x = layer.Forward(x);
        return x;
    }
}
