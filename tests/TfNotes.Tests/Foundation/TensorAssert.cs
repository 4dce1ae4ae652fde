using TfNotes;

namespace TfNotes.Tests.Foundation;

/// <summary>Asserts a tensor's dtype, shape and values at once.</summary>
static class TensorAssert
{
    internal static void Equal<T>(Tensor actual, DType dtype, long[] shape, params T[] values) where T : unmanaged
    {
        Assert.Equal(dtype, actual.dtype);
        Assert.Equal(shape, actual.shape.dims);
        Assert.Equal(values, actual.ToArray<T>());
    }

    internal static void Close(Tensor actual, DType dtype, long[] shape, double tolerance, params double[] values)
    {
        Assert.Equal(dtype, actual.dtype);
        Assert.Equal(shape, actual.shape.dims);
        var got = dtype == DType.Float32 ? actual.ToArray<float>().Select(v => (double)v).ToArray() : actual.ToArray<double>();
        Assert.Equal(values.Length, got.Length);
        for (int i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(values[i] - got[i]) <= tolerance, $"[{i}]: expected {values[i]}, got {got[i]}");
    }
}
