using TorchSharp;

namespace TfNotes.Tests;

/// <summary>
/// Loops written as a user writes them must not grow the number of live native tensors. TorchSharp counts every native
/// tensor handle created and disposed on this thread, TfNotes' results and libtorch's intermediates alike.
/// </summary>
internal static class NativeMemory
{
    public static long LiveTensors => DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

    /// <summary>Runs <paramref name="step"/> to warm up (lazy builds, optimizer slots), then checks that
    /// <paramref name="steps"/> more leave no tensor behind.</summary>
    public static void AssertFlat(Action step, int steps, int warmUp)
    {
        for (int i = 0; i < warmUp; i++) step();
        long before = LiveTensors;
        for (int i = 0; i < steps; i++) step();
        long growth = LiveTensors - before;
        Assert.True(growth <= 0, $"{growth} native tensors still alive after {steps} steps");
    }
}
