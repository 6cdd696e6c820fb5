using System.Globalization;
using System.Numerics;
using MusicCluster.Tensors;

namespace MusicCluster.Models.Training;

/// <summary>Updates a fixed list of named parameters from their gradients; its state can be saved and restored exactly.</summary>
public abstract class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly (string Name, Parameter<T> Parameter)[] _parameters;

    /// <summary>An optimizer over <paramref name="parameters"/> (usually <c>model.NamedParameters()</c>).</summary>
    protected Optimizer(IEnumerable<(string Name, Parameter<T> Parameter)> parameters, double learningRate)
    {
        _parameters = [.. parameters];
        if (_parameters.Length == 0) throw new ArgumentException("an optimizer needs at least one parameter");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, _) in _parameters) if (!seen.Add(name)) throw new ArgumentException($"parameter name '{name}' appears twice");
        LearningRate = learningRate;
    }

    /// <summary>The parameters, in the order given.</summary>
    public IReadOnlyList<(string Name, Parameter<T> Parameter)> Parameters => _parameters;

    /// <summary>The step size (may be changed between steps, e.g. by a schedule).</summary>
    public double LearningRate
    {
        get;
        set
        {
            if (!(value > 0) || double.IsInfinity(value)) throw new ArgumentException($"learning rate must be a positive finite number, got {value}");
            field = value;
        }
    }

    /// <summary>The optimizer's name as saved in checkpoints ("Adam", "AdamW", "Sgd").</summary>
    public abstract string Kind { get; }

    /// <summary>Applies one update to every parameter that has a gradient; parameters without one are skipped, as in PyTorch.</summary>
    public abstract void Step();

    /// <summary>Clears the gradients.</summary>
    public void ZeroGrad()
    {
        foreach (var (_, p) in _parameters) p.Grad = null;
    }

    /// <summary>The per-parameter state tensors, named "<c>slot/parameter.name</c>".</summary>
    public abstract IReadOnlyList<KeyValuePair<string, Tensor<T>>> StateTensors();

    /// <summary>Scalars of the state (step counts, hyperparameters) as strings, for checkpoint metadata.</summary>
    public abstract IReadOnlyDictionary<string, string> StateMetadata();

    /// <summary>Restores a state saved by <see cref="StateTensors"/> and <see cref="StateMetadata"/>; checks everything before changing anything.</summary>
    public abstract void LoadState(IReadOnlyDictionary<string, Tensor<T>> tensors, IReadOnlyDictionary<string, string> metadata);

    /// <summary>A contiguous, offset-0 view of the whole storage, as the fused kernels need.</summary>
    private protected static Tensor<T> Packed(Tensor<T> t) => t.IsContiguous && t.Offset == 0 && t.Storage.Length == t.Length ? t : t.Clone();

    /// <summary>Makes the parameter's data a packed tensor so in-place kernels can update it.</summary>
    private protected static Tensor<T> PackedData(Parameter<T> p)
    {
        var d = p.Data;
        if (d.IsContiguous && d.Offset == 0 && d.Storage.Length == d.Length) return d;
        p.Data = d.Clone();
        return p.Data;
    }

    /// <summary>Checks that a checkpoint holds slot tensors of the right shapes for every parameter (missing ones allowed when <paramref name="optional"/>).</summary>
    private protected Dictionary<string, Tensor<T>> CollectSlot(IReadOnlyDictionary<string, Tensor<T>> tensors, string slot, List<string> problems, Func<string, bool> optional)
    {
        var found = new Dictionary<string, Tensor<T>>(StringComparer.Ordinal);
        foreach (var (name, p) in _parameters)
        {
            string key = slot + "/" + name;
            if (!tensors.TryGetValue(key, out var t)) { if (!optional(name)) problems.Add($"missing optimizer state {key}"); continue; }
            if (!TensorShape.SameShape(t.Shape, p.Shape)) problems.Add($"optimizer state {key} has shape {TensorShape.Format(t.Shape)}, the parameter {TensorShape.Format(p.Shape)}");
            else found[name] = t;
        }
        return found;
    }

    /// <summary>Reports state tensors that belong to no parameter or slot.</summary>
    private protected void CheckNoExtra(IReadOnlyDictionary<string, Tensor<T>> tensors, string[] slots, List<string> problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, _) in _parameters) foreach (var s in slots) names.Add(s + "/" + name);
        foreach (var key in tensors.Keys) if (!names.Contains(key)) problems.Add($"unexpected optimizer state {key}");
    }

    /// <summary>Throws a single error listing every problem, if any.</summary>
    private protected void ThrowIfProblems(List<string> problems)
    {
        if (problems.Count > 0) throw new InvalidDataException($"{Kind} state does not match ({problems.Count} problem{(problems.Count == 1 ? "" : "s")}): {string.Join("; ", problems)}");
    }

    /// <summary>Reads a required metadata entry as a number.</summary>
    private protected static double ReadNumber(IReadOnlyDictionary<string, string> metadata, string key, List<string> problems)
    {
        if (!metadata.TryGetValue(key, out var s)) { problems.Add($"missing optimizer metadata {key}"); return double.NaN; }
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) { problems.Add($"optimizer metadata {key} = '{s}' is not a number"); return double.NaN; }
        return v;
    }

    /// <summary>Formats a number so it parses back to the same double.</summary>
    private protected static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
