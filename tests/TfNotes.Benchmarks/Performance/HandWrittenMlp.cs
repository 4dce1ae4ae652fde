using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TfNotes.Benchmarks.Performance;

/// <summary>
/// The reference: the same 784-256-128-10 network and batches written directly against TorchSharp, the way a
/// TorchSharp user would (index_select batches of a random permutation, normalized per batch like the tf.data
/// pipeline's map, fused cross-entropy, torch.optim.Adam).
/// </summary>
internal sealed class HandWrittenMlp
{
    static readonly Scalar MaxPixel = 255.0; // rooted: TorchSharp passes implicit Scalars unrooted to native calls
    readonly Parameter[] parameters;
    readonly optim.Optimizer optimizer;

    public HandWrittenMlp(int seed)
    {
        manual_seed(seed);
        parameters = [Kernel(784, 256), Bias(256), Kernel(256, 128), Bias(128), Kernel(128, 10), Bias(10)];
        optimizer = optim.Adam(parameters, 0.001);
    }

    static Parameter Kernel(int fanIn, int fanOut)
    {
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        return new Parameter(rand(fanIn, fanOut).mul_(2 * limit).sub_(limit));
    }

    static Parameter Bias(int units) => new(zeros(units));

    /// <summary>One epoch over <paramref name="images"/> (n, 784 bytes) and <paramref name="labels"/> (n, int64).</summary>
    public void Epoch(torch.Tensor images, torch.Tensor labels, int batchSize)
    {
        long n = images.shape[0];
        using var recording = enable_grad(); // TfNotes turns libtorch's grad mode off outside its tapes
        using var order = randperm(n);
        for (long start = 0; start < n; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var index = order.narrow(0, start, Math.Min(batchSize, n - start));
            var x = images.index_select(0, index).to_type(ScalarType.Float32).div_(MaxPixel);
            var y = labels.index_select(0, index);
            optimizer.zero_grad();
            Loss(x, y).backward();
            optimizer.step();
        }
    }

    /// <summary>Forward and gradients alone on batches already normalized in memory: what libtorch itself spends on
    /// the step besides the optimizer, with nothing of TfNotes around it.</summary>
    public void Gradients(IEnumerable<(torch.Tensor Images, torch.Tensor Labels)> batches)
    {
        using var recording = enable_grad();
        foreach (var (x, y) in batches)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            Loss(x, y).backward();
        }
    }

    torch.Tensor Loss(torch.Tensor x, torch.Tensor y)
    {
        var h1 = x.matmul(parameters[0]).add_(parameters[1]).relu_();
        var h2 = h1.matmul(parameters[2]).add_(parameters[3]).relu_();
        var logits = h2.matmul(parameters[4]).add_(parameters[5]);
        return nn.functional.cross_entropy(logits, y);
    }
}
