using System.Numerics;
using MusicCluster.Autograd;
using MusicCluster.Tensors;

namespace MusicCluster.Models.Layers;

/// <summary>Batch normalisation over axis 1 (channels), with PyTorch's semantics (momentum 0.1, eps 1e-5).</summary>
/// <remarks>
/// Training normalises with the batch's biased variance and updates the running variance with the unbiased one;
/// evaluation uses the running statistics. PyTorch's <c>num_batches_tracked</c> buffer is not kept: it only matters
/// when momentum is None (cumulative averaging), which is not supported here.
/// </remarks>
public abstract class BatchNorm<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _allowedRanks;

    private protected BatchNorm(int features, double eps, double momentum, int[] allowedRanks)
    {
        if (features < 1) throw new ArgumentException($"BatchNorm needs at least one feature, got {features}");
        if (!(momentum >= 0 && momentum <= 1)) throw new ArgumentException($"BatchNorm momentum must be in [0, 1], got {momentum}");
        Features = features;
        Eps = T.CreateTruncating(eps);
        Momentum = T.CreateTruncating(momentum);
        _allowedRanks = allowedRanks;
        Weight = RegisterParameter("weight", Tensor<T>.Ones(features));
        Bias = RegisterParameter("bias", Tensor<T>.Zeros(features));
        RunningMean = RegisterBuffer("running_mean", Tensor<T>.Zeros(features));
        RunningVar = RegisterBuffer("running_var", Tensor<T>.Ones(features));
    }

    public int Features { get; }
    public T Eps { get; }
    public T Momentum { get; }

    /// <summary>γ, [C], initialised to ones.</summary>
    public Parameter<T> Weight { get; }

    /// <summary>β, [C], initialised to zeros.</summary>
    public Parameter<T> Bias { get; }

    public Buffer<T> RunningMean { get; }
    public Buffer<T> RunningVar { get; }

    /// <inheritdoc />
    public override Variable<T> Forward(Variable<T> x)
    {
        if (Array.IndexOf(_allowedRanks, x.Shape.Length) < 0 || x.Shape[1] != Features)
            throw new ArgumentException($"{GetType().Name.Split('`')[0]}({Features}) got input of shape {TensorShape.Format(x.Shape)}");
        var axes = new int[x.Shape.Length - 1];
        axes[0] = 0;
        for (int i = 2; i < x.Shape.Length; i++) axes[i - 1] = i;
        var channelShape = new int[x.Shape.Length];
        Array.Fill(channelShape, 1);
        channelShape[1] = Features;

        Variable<T> normalised;
        if (IsTraining)
        {
            int count = x.Data.Length / Features;
            if (count < 2) throw new ArgumentException($"BatchNorm in training mode needs more than one value per channel, got input of shape {TensorShape.Format(x.Shape)}");
            var mean = x.Mean(axes, keepDims: true);
            var variance = x.Variance(axes, unbiased: false, keepDims: true);
            normalised = (x - mean) / (variance + Eps).Sqrt();
            T one = T.One;
            T unbias = T.CreateTruncating(count) / T.CreateTruncating(count - 1);
            RunningMean.Value = RunningMean.Value * (one - Momentum) + mean.Data.Reshape(Features) * Momentum;
            RunningVar.Value = RunningVar.Value * (one - Momentum) + variance.Data.Reshape(Features) * (Momentum * unbias);
        }
        else
        {
            var mean = new Variable<T>(RunningMean.Value.Reshape(channelShape));
            var std = new Variable<T>((RunningVar.Value + Eps).Sqrt().Reshape(channelShape));
            normalised = (x - mean) / std;
        }
        return normalised * Weight.Value.Reshape(channelShape) + Bias.Value.Reshape(channelShape);
    }
}

/// <summary>Batch normalisation of [N, C] or [N, C, L] inputs, as <c>torch.nn.BatchNorm1d</c>.</summary>
public sealed class BatchNorm1d<T>(int features, double eps = 1e-5, double momentum = 0.1)
    : BatchNorm<T>(features, eps, momentum, [2, 3]) where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>Batch normalisation of [N, C, H, W] inputs, as <c>torch.nn.BatchNorm2d</c>.</summary>
public sealed class BatchNorm2d<T>(int features, double eps = 1e-5, double momentum = 0.1)
    : BatchNorm<T>(features, eps, momentum, [4]) where T : unmanaged, IFloatingPointIeee754<T>;
