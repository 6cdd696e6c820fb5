using System.Globalization;
using System.Numerics;
using MusicCluster.Tensors;

namespace MusicCluster.Models.Training;

/// <summary>Adam (and, with decoupled weight decay, AdamW) with PyTorch's semantics: bias correction, per-parameter step counts.</summary>
/// <remarks>Each update is one call of the backend's fused <c>AdamStep</c>, so it runs wherever the parameters live.</remarks>
public class Adam<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dictionary<string, (Tensor<T> M, Tensor<T> V, int Step)> _state = new(StringComparer.Ordinal);

    /// <summary>torch.optim.Adam: weight decay is L2 added to the gradient.</summary>
    public Adam(IEnumerable<(string Name, Parameter<T> Parameter)> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0) : this(parameters, learningRate, beta1, beta2, eps, weightDecay, decoupled: false) { }

    private protected Adam(IEnumerable<(string Name, Parameter<T> Parameter)> parameters, double learningRate, double beta1, double beta2,
        double eps, double weightDecay, bool decoupled) : base(parameters, learningRate)
    {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) throw new ArgumentException($"Adam betas must be in [0, 1), got ({beta1}, {beta2})");
        if (!(eps >= 0) || !(weightDecay >= 0)) throw new ArgumentException($"Adam eps and weight decay must be ≥ 0, got {eps} and {weightDecay}");
        Beta1 = beta1; Beta2 = beta2; Eps = eps; WeightDecay = weightDecay; Decoupled = decoupled;
    }

    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Eps { get; }
    public double WeightDecay { get; }

    /// <summary>Whether weight decay is decoupled (AdamW).</summary>
    public bool Decoupled { get; }

    /// <inheritdoc />
    public override string Kind => "Adam";

    /// <summary>The number of updates applied to a parameter (0 before its first gradient).</summary>
    public int StepCount(string parameterName) => _state.TryGetValue(parameterName, out var s) ? s.Step : 0;

    /// <inheritdoc />
    public override void Step()
    {
        foreach (var (name, p) in Parameters)
        {
            var grad = p.Grad;
            if (grad is null) continue;
            var data = PackedData(p);
            if (!_state.TryGetValue(name, out var s)) s = (data.ZerosLike(), data.ZerosLike(), 0);
            else if (!ReferenceEquals(s.M.Backend, data.Backend)) s = (s.M.To(data.Backend), s.V.To(data.Backend), s.Step); // the model was moved
            s.Step++;
            var g = Packed(grad.To(data.Backend));
            var h = new AdamHyperparameters<T>(T.CreateTruncating(LearningRate), T.CreateTruncating(Beta1), T.CreateTruncating(Beta2),
                T.CreateTruncating(Eps), T.CreateTruncating(WeightDecay), Decoupled, s.Step);
            data.Backend.AdamStep(data.Storage, g.Storage, s.M.Storage, s.V.Storage, data.Length, h);
            _state[name] = s;
        }
    }

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, Tensor<T>>> StateTensors()
    {
        var list = new List<KeyValuePair<string, Tensor<T>>>();
        foreach (var (name, _) in Parameters)
            if (_state.TryGetValue(name, out var s))
            {
                list.Add(new("exp_avg/" + name, s.M));
                list.Add(new("exp_avg_sq/" + name, s.V));
            }
        return list;
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, string> StateMetadata()
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["kind"] = Kind, ["lr"] = Format(LearningRate), ["beta1"] = Format(Beta1), ["beta2"] = Format(Beta2),
            ["eps"] = Format(Eps), ["weight_decay"] = Format(WeightDecay),
        };
        foreach (var (name, _) in Parameters)
            if (_state.TryGetValue(name, out var s)) meta["step/" + name] = s.Step.ToString(CultureInfo.InvariantCulture);
        return meta;
    }

    /// <inheritdoc />
    public override void LoadState(IReadOnlyDictionary<string, Tensor<T>> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        var problems = new List<string>();
        if (!metadata.TryGetValue("kind", out var kind) || kind != Kind) problems.Add($"saved by {(kind is null ? "an unknown optimizer" : kind)}, loading into {Kind}");
        var steps = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, _) in Parameters)
            if (metadata.TryGetValue("step/" + name, out var s))
            {
                if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int step) && step > 0) steps[name] = step;
                else problems.Add($"step/{name} = '{s}' is not a positive integer");
            }
        var m = CollectSlot(tensors, "exp_avg", problems, n => !steps.ContainsKey(n));
        var v = CollectSlot(tensors, "exp_avg_sq", problems, n => !steps.ContainsKey(n));
        foreach (var name in m.Keys) if (!steps.ContainsKey(name)) problems.Add($"exp_avg/{name} is saved without a step count");
        CheckNoExtra(tensors, ["exp_avg", "exp_avg_sq"], problems);
        double lr = ReadNumber(metadata, "lr", problems);
        ThrowIfProblems(problems);

        _state.Clear();
        foreach (var (name, p) in Parameters)
            if (steps.TryGetValue(name, out int step))
                _state[name] = (m[name].To(p.Data.Backend).Clone(), v[name].To(p.Data.Backend).Clone(), step);
        LearningRate = lr;
    }
}

/// <summary>AdamW: Adam with decoupled weight decay (torch.optim.AdamW; default decay 0.01).</summary>
public sealed class AdamW<T>(IEnumerable<(string Name, Parameter<T> Parameter)> parameters, double learningRate = 1e-3, double beta1 = 0.9,
    double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0.01)
    : Adam<T>(parameters, learningRate, beta1, beta2, eps, weightDecay, decoupled: true) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public override string Kind => "AdamW";
}
