using TorchSharp;

namespace TfNotes;

/// <summary>
/// Batch normalization in training mode as one libtorch kernel forward and one backward (libtorch's
/// <c>native_batch_norm</c>, as TensorFlow's <c>FusedBatchNormV3</c>), with Keras' moving statistics:
/// <code>
/// μ = mean(x),  σ² = mean((x − μ)²)  over every axis but <c>featureAxis</c> (m values per feature)
/// y = γ·(x − μ)/√(σ² + ε) + β
/// moving_mean     ← moving_mean·momentum     + μ·(1 − momentum)
/// moving_variance ← moving_variance·momentum + σ²·(1 − momentum)     (biased σ², as Keras)
/// </code>
/// The kernel updates its running statistics itself, with no op of its own, but with the unbiased variance
/// σ²·c, c = m/(m − 1): <c>R ← R·momentum + σ²·c·(1 − momentum)</c>. Run on <c>R = c·moving_variance</c> that is
/// exactly c × Keras' update, so while training the statistics live in two buffers of this class, (moving_mean,
/// c·moving_variance), which the kernel updates, and the variables are brought up to date (moving_variance = R/c)
/// only when something reads them (<see cref="Tensor.Pending"/>): inference, a metric, saving. A read may be a write (assign), so the buffers are
/// made again from the variables at the next training call after one. The kernel writes its buffers without bumping
/// their version, so a layer called twice before the gradient is taken differentiates as libtorch's own batch norm.
/// The tape records the kernel as any other op (x, γ and β get gradients through its backward).
/// </summary>
internal sealed class FusedBatchNorm
{
    readonly Variable movingMean, movingVariance;
    readonly Action bringUpToDate;
    torch.Tensor? runningMean, runningVariance; // the kernel's: moving_mean and c·moving_variance while the variables are pending
    double correction;                          // c of runningVariance

    internal FusedBatchNorm(Variable movingMean, Variable movingVariance)
    {
        this.movingMean = movingMean;
        this.movingVariance = movingVariance;
        bringUpToDate = BringUpToDate;
    }

    /// <summary>Whether the kernel applies: libtorch needs a batch axis next to the features and more than one value per feature.</summary>
    internal static bool Applies(Shape shape, int featureAxis)
    {
        long perFeature = 1;
        for (int a = 0; a < shape.ndim; a++)
            if (a != featureAxis) perFeature *= shape[a];
        return shape.ndim >= 2 && perFeature > 1;
    }

    internal Tensor Training(Tensor x, Tensor? gamma, Tensor? beta, double momentum, int featureAxis, double epsilon)
    {
        var t = x.Native;
        long features = t.size(featureAxis), m = t.NumberOfElements / features;
        Prepare(m / (m - 1.0));
        torch.Tensor y;
        try
        {
            y = Normalize(t, gamma?.Native, beta?.Native, momentum, featureAxis, epsilon);
        }
        catch (System.Runtime.InteropServices.ExternalException e)
        {
            throw Ops.Failure("FusedBatchNormV3", [x, .. Present(gamma, beta)], e);
        }
        movingMean.Pending = movingVariance.Pending = bringUpToDate;
        return Tensor.Wrap(y, x, gamma, beta);
    }

    static Tensor[] Present(Tensor? gamma, Tensor? beta) => (gamma, beta) switch
    {
        (null, null) => [],
        (null, _) => [beta],
        (_, null) => [gamma],
        _ => [gamma, beta],
    };

    torch.Tensor Normalize(torch.Tensor t, torch.Tensor? gamma, torch.Tensor? beta, double momentum, int featureAxis, double epsilon)
    {
        if (featureAxis == 1) return Kernel(t);
        using var channelsSecond = t.movedim([featureAxis], [1]);
        using var normalized = Kernel(channelsSecond);
        return normalized.movedim([1], [featureAxis]);

        torch.Tensor Kernel(torch.Tensor channelsSecond) => torch.nn.functional.batch_norm(channelsSecond, runningMean, runningVariance,
            gamma, beta, training: true, momentum: 1 - momentum, eps: epsilon);
    }

    /// <summary>The kernel's buffers for a batch of correction <paramref name="c"/>: made from the variables unless
    /// they are pending (nothing has read them since the last call), rescaled when the batch size changed. New
    /// tensors each time, never changed in place: a graph not yet differentiated may hold the old ones.</summary>
    void Prepare(double c)
    {
        if (movingVariance.Pending is not null && c == correction) return;
        using var noGrad = torch.no_grad();
        if (movingVariance.Pending is null)
        {
            Replace(ref runningMean, movingMean.Native.clone());
            using Scalar scale = c; // rooted for the native call: see Ops.WithScalar
            Replace(ref runningVariance, movingVariance.Native.mul(scale));
        }
        else
        {
            using Scalar rescale = c / correction;
            Replace(ref runningVariance, runningVariance!.mul(rescale));
        }
        correction = c;
    }

    static void Replace(ref torch.Tensor? buffer, torch.Tensor value)
    {
        buffer?.Dispose();
        buffer = value;
    }

    void BringUpToDate()
    {
        movingMean.Pending = movingVariance.Pending = null;
        using var noGrad = torch.no_grad();
        using Scalar c = correction;
        movingMean.Native.copy_(runningMean!);
        movingVariance.Native.copy_(runningVariance!).div_(c);
    }
}
