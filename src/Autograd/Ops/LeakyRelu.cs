using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

public sealed partial class Variable<T>
{
    /// <summary>x for x &gt; 0, slope·x otherwise.</summary>
    public Variable<T> LeakyRelu(T slope)
    {
        var x = Data;
        return Record(x.LeakyRelu(slope), [this], g => Accumulate(g * x.Step(slope)));
    }
}
