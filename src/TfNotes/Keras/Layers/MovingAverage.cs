using TorchSharp;

namespace TfNotes.Keras.Layers;

/// <summary>The exponentially weighted average batch normalization keeps for test time.</summary>
internal static class MovingAverage
{
    /// <summary>
    /// <c>moving ← moving·momentum + batch·(1 − momentum)</c>: an in-place assign under no_grad, so no tensor is kept
    /// and no gradient flows into the average.
    /// </summary>
    internal static void Update(Variable moving, Tensor batch, double momentum)
    {
        using var _ = torch.no_grad();
        using var value = batch.Native.detach();
        using Scalar keep = momentum, take = 1 - momentum; // rooted for the native calls: see Ops.WithScalar
        moving.Native.mul_(keep).add_(value, alpha: take);
    }
}
