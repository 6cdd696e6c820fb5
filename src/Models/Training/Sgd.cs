using System.Numerics;
using MusicCluster.Tensors;

namespace MusicCluster.Models.Training;

/// <summary>Stochastic gradient descent with optional momentum, Nesterov and L2 weight decay, as torch.optim.SGD (dampening 0).</summary>
/// <remarks>Written with tensor operations, so it runs on any backend.</remarks>
public sealed class Sgd<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dictionary<string, Tensor<T>> _momentum = new(StringComparer.Ordinal);

    /// <summary>An optimizer with the given hyperparameters.</summary>
    public Sgd(IEnumerable<(string Name, Parameter<T> Parameter)> parameters, double learningRate, double momentum = 0, double weightDecay = 0, bool nesterov = false)
        : base(parameters, learningRate)
    {
        if (!(momentum >= 0) || !(weightDecay >= 0)) throw new ArgumentException($"SGD momentum and weight decay must be ≥ 0, got {momentum} and {weightDecay}");
        if (nesterov && momentum == 0) throw new ArgumentException("Nesterov momentum needs a momentum > 0");
        Momentum = momentum; WeightDecay = weightDecay; Nesterov = nesterov;
    }

    public double Momentum { get; }
    public double WeightDecay { get; }
    public bool Nesterov { get; }

    /// <inheritdoc />
    public override string Kind => "Sgd";

    /// <inheritdoc />
    public override void Step()
    {
        T lr = T.CreateTruncating(LearningRate), mu = T.CreateTruncating(Momentum), wd = T.CreateTruncating(WeightDecay);
        foreach (var (name, p) in Parameters)
        {
            var g = p.Grad;
            if (g is null) continue;
            var data = p.Data;
            g = g.To(data.Backend);
            if (WeightDecay != 0) g = g + data * wd;
            if (Momentum != 0)
            {
                var buf = _momentum.TryGetValue(name, out var b) ? b.To(data.Backend) * mu + g : g.Clone();
                _momentum[name] = buf;
                g = Nesterov ? g + buf * mu : buf;
            }
            data.CopyFrom(data - g * lr);
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, Tensor<T>>> StateTensors()
    {
        var list = new List<KeyValuePair<string, Tensor<T>>>();
        foreach (var (name, _) in Parameters)
            if (_momentum.TryGetValue(name, out var b)) list.Add(new("momentum_buffer/" + name, b));
        return list;
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StateMetadata() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["kind"] = Kind, ["lr"] = Format(LearningRate), ["momentum"] = Format(Momentum), ["weight_decay"] = Format(WeightDecay),
    };

    /// <inheritdoc />
    public override void LoadState(IReadOnlyDictionary<string, Tensor<T>> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        var problems = new List<string>();
        if (!metadata.TryGetValue("kind", out var kind) || kind != Kind) problems.Add($"saved by {(kind is null ? "an unknown optimizer" : kind)}, loading into {Kind}");
        var buffers = CollectSlot(tensors, "momentum_buffer", problems, _ => true);
        CheckNoExtra(tensors, ["momentum_buffer"], problems);
        double lr = ReadNumber(metadata, "lr", problems);
        ThrowIfProblems(problems);
        _momentum.Clear();
        foreach (var (name, p) in Parameters)
            if (buffers.TryGetValue(name, out var b)) _momentum[name] = b.To(p.Data.Backend).Clone();
        LearningRate = lr;
    }
}
