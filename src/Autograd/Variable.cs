using System.Numerics;
using MusicCluster.Tensors;

namespace MusicCluster.Autograd;

/// <summary>A tensor that records the ops applied to it, so <see cref="Backward()"/> can compute gradients (reverse mode).</summary>
/// <remarks>
/// Each op lives in one file under Ops/: its forward computes the result tensor and its backward, written beside it,
/// turns the result's gradient into gradients of the inputs. The graph is built as ops run and walked once in reverse
/// topological order. Gradients of reused values add up. Only leaves keep <see cref="Grad"/> after a backward pass.
/// Backward functions use the tensors saved at forward time, so replacing <see cref="Data"/> afterwards does not change them.
/// </remarks>
public sealed partial class Variable<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Variable<T>[] _parents;
    private readonly Action<Tensor<T>>? _backward;

    /// <summary>A leaf: a constant input, or a parameter when <paramref name="requiresGrad"/> is set.</summary>
    public Variable(Tensor<T> data, bool requiresGrad = false, string? name = null)
    {
        Data = data;
        RequiresGrad = requiresGrad;
        Name = name;
        _parents = [];
    }

    private Variable(Tensor<T> data, Variable<T>[] parents, Action<Tensor<T>> backward)
    {
        Data = data;
        RequiresGrad = true;
        _parents = parents;
        _backward = backward;
    }

    /// <summary>The value. Optimizers may replace it (same shape) between steps.</summary>
    public Tensor<T> Data { get; set; }

    /// <summary>The accumulated gradient of the last backward pass (null before one, or when not needed).</summary>
    public Tensor<T>? Grad { get; set; }

    /// <summary>Whether gradients flow to (or through) this value.</summary>
    public bool RequiresGrad { get; }

    /// <summary>An optional name, used in messages and by modules.</summary>
    public string? Name { get; set; }

    /// <summary>Whether this is a leaf (created by the user, not by an op).</summary>
    public bool IsLeaf => _backward is null;

    /// <summary>The shape of <see cref="Data"/>.</summary>
    public int[] Shape => Data.Shape;

    /// <summary>The value without its history: a constant leaf sharing the same tensor.</summary>
    public Variable<T> Detach() => new(Data);

    /// <summary>The result of an op: records the parents and the backward function unless no gradient is needed.</summary>
    /// <remarks>Ops call this with their forward result; the backward receives the result's gradient.</remarks>
    public static Variable<T> Record(Tensor<T> result, Variable<T>[] parents, Action<Tensor<T>> backward)
    {
        if (GradMode.Enabled)
            foreach (var p in parents)
                if (p.RequiresGrad) return new Variable<T>(result, parents, backward);
        return new Variable<T>(result);
    }

    /// <summary>Adds <paramref name="gradient"/> into this value's gradient (ops call this from their backward).</summary>
    public void Accumulate(Tensor<T> gradient)
    {
        if (!RequiresGrad) return;
        if (!TensorShape.SameShape(gradient.Shape, Data.Shape))
            throw new InvalidOperationException($"gradient of shape {TensorShape.Format(gradient.Shape)} for a value of shape {TensorShape.Format(Data.Shape)}{(Name is null ? "" : $" ({Name})")}");
        // A leaf keeps a packed tensor of its own: backward functions may hand out views (broadcasts, narrows) or the
        // very tensor they gave another parent, and optimizers read and update Grad's storage directly.
        if (Grad is null) Grad = IsLeaf ? gradient.Clone() : gradient;
        else Grad += gradient;
    }

    /// <summary>Back-propagates from a one-element result (gradient 1).</summary>
    public void Backward()
    {
        if (Data.Length != 1) throw new InvalidOperationException($"Backward() needs a one-element result, got shape {TensorShape.Format(Data.Shape)}; pass a gradient instead");
        Backward(Data.FullLike(T.One));
    }

    /// <summary>Back-propagates <paramref name="gradient"/> (same shape as the value) through the recorded graph.</summary>
    public void Backward(Tensor<T> gradient) => BackPropagate(gradient, null);

    /// <summary>Back-propagates from a one-element result like <see cref="Backward()"/>, then recycles the graph's intermediate buffers.</summary>
    /// <remarks>
    /// The values and gradients of every non-leaf node (never a leaf's) go back to their backend, which reuses them for
    /// later allocations, so a training loop stops asking for fresh memory every step. Call it only when no tensor of
    /// this graph other than the leaves' will be read again — this result's own <see cref="Data"/> included.
    /// </remarks>
    public void BackwardAndRecycle()
    {
        if (Data.Length != 1) throw new InvalidOperationException($"BackwardAndRecycle() needs a one-element result, got shape {TensorShape.Format(Data.Shape)}");
        var spent = new List<Storage<T>>();
        var order = BackPropagate(Data.FullLike(T.One), spent);
        Recycle(order, spent);
    }

    private List<Variable<T>> BackPropagate(Tensor<T> gradient, List<Storage<T>>? spent)
    {
        if (!RequiresGrad) throw new InvalidOperationException("Backward() on a value that does not require a gradient (no parameter contributed to it, or it was computed under NoGrad)");
        var order = TopologicalOrder();
        Accumulate(gradient);
        using var noGrad = GradMode.Disable();
        for (int i = order.Count - 1; i >= 0; i--)
        {
            var node = order[i];
            if (node._backward is null || node.Grad is null) continue;
            node._backward(node.Grad);
            spent?.Add(node.Grad.Storage);
            node.Grad = null; // intermediate gradients are not kept, as in PyTorch
        }
        return order;
    }

    // Non-leaf values and spent gradients go back to the backend, except buffers that a leaf's value or gradient
    // shares (a view of an input, a parameter read through a reshape): those outlive the graph.
    private static void Recycle(List<Variable<T>> order, List<Storage<T>> spent)
    {
        var keep = new HashSet<Storage<T>>(ReferenceEqualityComparer.Instance);
        var release = new HashSet<Storage<T>>(ReferenceEqualityComparer.Instance);
        foreach (var node in order)
        {
            if (node.IsLeaf) { KeepLeaf(node, keep); continue; }
            release.Add(node.Data.Storage);
            foreach (var parent in node._parents) if (parent.IsLeaf) KeepLeaf(parent, keep);
        }
        foreach (var s in spent) release.Add(s);
        foreach (var s in release) if (!keep.Contains(s)) s.Backend.Recycle(s);
    }

    private static void KeepLeaf(Variable<T> leaf, HashSet<Storage<T>> keep)
    {
        keep.Add(leaf.Data.Storage);
        if (leaf.Grad is not null) keep.Add(leaf.Grad.Storage);
    }

    // Iterative depth-first post-order: deep graphs (long training unrolls) must not overflow the stack.
    private List<Variable<T>> TopologicalOrder()
    {
        var order = new List<Variable<T>>();
        var visited = new HashSet<Variable<T>>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Variable<T> Node, int Next)>();
        stack.Push((this, 0));
        visited.Add(this);
        while (stack.Count > 0)
        {
            var (node, next) = stack.Pop();
            if (next < node._parents.Length)
            {
                stack.Push((node, next + 1));
                var parent = node._parents[next];
                if (parent.RequiresGrad && visited.Add(parent)) stack.Push((parent, 0));
            }
            else order.Add(node);
        }
        return order;
    }

    /// <inheritdoc />
    public override string ToString() => $"Variable{(Name is null ? "" : $" {Name}")} {TensorShape.Format(Shape)}{(RequiresGrad ? " requires grad" : "")}";
}
