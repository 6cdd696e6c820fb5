using System.Numerics;
using MusicCluster.Tensors;

namespace MusicCluster.Models;

/// <summary>A network part with named parameters, buffers and sub-modules, named like PyTorch's (<c>encoder.0.weight</c>).</summary>
/// <remarks>
/// Registration order is the iteration order: a module's own parameters first, then each child's, recursively,
/// as in <c>torch.nn.Module.named_parameters</c>. <see cref="StateDict"/> adds buffers after the parameters of each module.
/// </remarks>
public abstract class Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly List<(string Name, Parameter<T> Parameter)> _parameters = [];
    private readonly List<(string Name, Buffer<T> Buffer)> _buffers = [];
    private readonly List<(string Name, Module<T> Module)> _children = [];

    /// <summary>Whether the module is in training mode (the default): dropout is active and BatchNorm uses batch statistics.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Registers a trainable tensor under <paramref name="name"/>.</summary>
    protected Parameter<T> RegisterParameter(string name, Tensor<T> data)
    {
        CheckNewName(name);
        var p = new Parameter<T>(data, name);
        _parameters.Add((name, p));
        return p;
    }

    /// <summary>Registers a saved, non-trainable tensor under <paramref name="name"/>.</summary>
    protected Buffer<T> RegisterBuffer(string name, Tensor<T> data)
    {
        CheckNewName(name);
        var b = new Buffer<T>(data);
        _buffers.Add((name, b));
        return b;
    }

    /// <summary>Registers a child module under <paramref name="name"/> and returns it.</summary>
    protected TModule RegisterModule<TModule>(string name, TModule module) where TModule : Module<T>
    {
        CheckNewName(name);
        _children.Add((name, module));
        return module;
    }

    /// <summary>Every parameter with its dotted name, in registration order.</summary>
    public IEnumerable<(string Name, Parameter<T> Parameter)> NamedParameters(string prefix = "")
    {
        foreach (var (name, p) in _parameters) yield return (prefix + name, p);
        foreach (var (name, child) in _children)
            foreach (var item in child.NamedParameters(prefix + name + "."))
                yield return item;
    }

    /// <summary>Every buffer with its dotted name, in registration order.</summary>
    public IEnumerable<(string Name, Buffer<T> Buffer)> NamedBuffers(string prefix = "")
    {
        foreach (var (name, b) in _buffers) yield return (prefix + name, b);
        foreach (var (name, child) in _children)
            foreach (var item in child.NamedBuffers(prefix + name + "."))
                yield return item;
    }

    /// <summary>The direct children with their names.</summary>
    public IEnumerable<(string Name, Module<T> Module)> NamedChildren() => _children;

    /// <summary>Every parameter, in the order of <see cref="NamedParameters"/>.</summary>
    public IReadOnlyList<Parameter<T>> Parameters()
    {
        var list = new List<Parameter<T>>();
        foreach (var (_, p) in NamedParameters()) list.Add(p);
        return list;
    }

    /// <summary>Total number of trainable scalars.</summary>
    public long ParameterCount()
    {
        long n = 0;
        foreach (var (_, p) in NamedParameters()) n += p.Data.Length;
        return n;
    }

    /// <summary>Switches this module and its children to training mode.</summary>
    public void Train() => SetTraining(true);

    /// <summary>Switches this module and its children to evaluation mode.</summary>
    public void Eval() => SetTraining(false);

    private void SetTraining(bool training)
    {
        IsTraining = training;
        foreach (var (_, child) in _children) child.SetTraining(training);
    }

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var (_, p) in NamedParameters()) p.Grad = null;
    }

    /// <summary>Each module's parameters then buffers, by dotted name (the tensors themselves, not copies).</summary>
    public IReadOnlyList<KeyValuePair<string, Tensor<T>>> StateDict()
    {
        var list = new List<KeyValuePair<string, Tensor<T>>>();
        AppendState(list, "");
        return list;
    }

    private void AppendState(List<KeyValuePair<string, Tensor<T>>> list, string prefix)
    {
        foreach (var (name, p) in _parameters) list.Add(new(prefix + name, p.Data));
        foreach (var (name, b) in _buffers) list.Add(new(prefix + name, b.Value));
        foreach (var (name, child) in _children) child.AppendState(list, prefix + name + ".");
    }

    /// <summary>Copies the tensors of <paramref name="state"/> into the parameters and buffers of the same names.</summary>
    /// <remarks>
    /// Strict: every name must match and every shape agree. All differences are listed in one error, and on error
    /// nothing is changed. Values are copied onto this module's device; gradients are cleared.
    /// </remarks>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor<T>> state)
    {
        ValidateStateDict(state);
        foreach (var (name, p) in NamedParameters()) p.Data = state[name].To(p.Data.Backend).Clone();
        foreach (var (name, b) in NamedBuffers()) b.Value = state[name].To(b.Value.Backend).Clone();
    }

    /// <summary>Throws a <see cref="StateDictMismatchException"/> listing every missing, unexpected or mis-shaped entry of <paramref name="state"/>.</summary>
    public void ValidateStateDict(IReadOnlyDictionary<string, Tensor<T>> state)
    {
        var problems = new List<string>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, tensor) in StateDict())
        {
            known.Add(name);
            if (!state.TryGetValue(name, out var incoming)) problems.Add($"missing {name} (expected shape {TensorShape.Format(tensor.Shape)})");
            else if (!TensorShape.SameShape(incoming.Shape, tensor.Shape))
                problems.Add($"{name}: shape {TensorShape.Format(incoming.Shape)} in the state, {TensorShape.Format(tensor.Shape)} in the model");
        }
        foreach (var name in state.Keys)
            if (!known.Contains(name)) problems.Add($"unexpected {name} (not in the model)");
        if (problems.Count > 0)
            throw new StateDictMismatchException($"state does not match the model ({problems.Count} difference{(problems.Count == 1 ? "" : "s")}): {string.Join("; ", problems)}");
    }

    /// <summary>Moves every parameter and buffer to <paramref name="backend"/> (gradients are dropped).</summary>
    public void To(ITensorBackend backend)
    {
        foreach (var (_, p) in NamedParameters()) p.Data = p.Data.To(backend);
        foreach (var (_, b) in NamedBuffers()) b.Value = b.Value.To(backend);
    }

    /// <summary>The backend of the first parameter (the CPU for a module without parameters).</summary>
    public ITensorBackend Backend
    {
        get
        {
            foreach (var (_, p) in NamedParameters()) return p.Data.Backend;
            return CpuBackend.Instance;
        }
    }

    private void CheckNewName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.')) throw new ArgumentException($"invalid module entry name '{name}'");
        foreach (var (n, _) in _parameters) if (n == name) throw new ArgumentException($"'{name}' is already registered");
        foreach (var (n, _) in _buffers) if (n == name) throw new ArgumentException($"'{name}' is already registered");
        foreach (var (n, _) in _children) if (n == name) throw new ArgumentException($"'{name}' is already registered");
    }
}

/// <summary>A module with one input and one output, which <c>Sequential</c> can chain.</summary>
public abstract class Layer<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Applies the layer.</summary>
    public abstract Autograd.Variable<T> Forward(Autograd.Variable<T> x);
}

/// <summary>A state dictionary whose names or shapes do not match the model it is loaded into.</summary>
public sealed class StateDictMismatchException(string message) : InvalidOperationException(message);
