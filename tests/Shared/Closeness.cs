using Xunit;

namespace TfNotes.TestSupport;

/// <summary>
/// Float closeness as NumPy's <c>assert_allclose</c>: |actual − expected| ≤ atol + rtol·|expected|, element by element,
/// the failure naming the element (linked into every test project from tests/Shared).
/// </summary>
internal static class Closeness
{
    internal static void AssertAllClose(double expected, double actual, double rtol, double atol, string what)
    {
        var bound = atol + rtol * Math.Abs(expected);
        Assert.True(Math.Abs(actual - expected) <= bound,
            $"{what}: expected {expected:R}, got {actual:R} (|difference| {Math.Abs(actual - expected):R} > {bound:R})");
    }

    internal static void AssertAllClose(double[] expected, double[] actual, double rtol, double atol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) AssertAllClose(expected[i], actual[i], rtol, atol, $"{what}[{i}]");
    }

    internal static void AssertAllClose(double[,] expected, double[,] actual, double rtol, double atol, string what)
    {
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        for (int i = 0; i < expected.GetLength(0); i++)
            for (int j = 0; j < expected.GetLength(1); j++) AssertAllClose(expected[i, j], actual[i, j], rtol, atol, $"{what}[{i},{j}]");
    }
}
