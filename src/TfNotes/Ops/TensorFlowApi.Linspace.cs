using TorchSharp;

namespace TfNotes;

public sealed partial class TensorFlowApi
{
    /// <summary><c>tf.linspace(10.0, 12.0, 3)</c> → [10. 11. 12.], float32 as TensorFlow's Python floats.</summary>
    public Tensor linspace(double start, double stop, int num, int axis = 0) =>
        linspace(Tensor.Wrap(torch.tensor(start, torch.ScalarType.Float32)), Tensor.Wrap(torch.tensor(stop, torch.ScalarType.Float32)), num, axis);

    /// <summary>
    /// <paramref name="num"/> evenly spaced values from <paramref name="start"/> to <paramref name="stop"/> (both included)
    /// along a new <paramref name="axis"/>; start and stop are float tensors that broadcast (N-D ones give N+1-D
    /// results). Computed as TensorFlow does — start, then start + i·(stop − start)/(num − 1), then exactly stop —
    /// so the values match TensorFlow's to the bit. Gradients flow to start and stop.
    /// </summary>
    public Tensor linspace(Tensor start, Tensor stop, int num, int axis = 0)
    {
        Ops.Require("LinSpace", start, Ops.Floating);
        if (num < 0) throw new ArgumentException($"linspace: num must be >= 0, got {num}", nameof(num));
        if (start.dtype != stop.dtype)
            throw new InvalidArgumentError($"LinSpace: start and stop must have the same dtype, got {start.dtype} and {stop.dtype}");
        if (!Ops.Broadcastable(start.shape.dims, stop.shape.dims))
            throw new InvalidArgumentError($"LinSpace: start and stop must broadcast, got shapes {start.shape} and {stop.shape}");
        int rank = Math.Max(start.ndim, stop.ndim) + 1;
        if (axis < -rank || axis >= rank)
            throw new InvalidArgumentError($"LinSpace: axis {axis} is out of range for a result of rank {rank}");
        long dim = axis < 0 ? axis + rank : axis;
        return Ops.Guarded("LinSpace", [start, stop], () =>
        {
            var type = start.Native.dtype;
            using var first = start.Native.unsqueeze(dim);
            using var last = stop.Native.unsqueeze(dim);
            using var span = last.sub(first);
            using Scalar steps = Math.Max(num - 1, 1);
            using var delta = span.div(steps);
            using Scalar one = 1L, end = Math.Max(num - 1, 1), step = 1L; // rooted for the native call: see Ops.WithScalar
            using var counts = torch.arange(one, end, step, type);
            var shape = Enumerable.Repeat(1L, rank).ToArray();
            shape[dim] = -1;
            using var along = counts.reshape(shape);
            using var offsets = along.mul(delta);
            using var inner = first.add(offsets, Ops.One);
            using var from = first.expand(span.shape);
            using var to = last.expand(span.shape);
            using var all = torch.cat([from, inner, to], dim);
            using var taken = all.narrow(dim, 0, num);
            return taken.contiguous();
        });
    }
}
