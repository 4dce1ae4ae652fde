using TorchSharp;

namespace TfNotes;

/// <summary>A tensor element type, named as TensorFlow names it (<c>tf.float32</c> prints as <c>float32</c>).</summary>
public sealed class DType
{
    public static readonly DType Float32 = new("float32", torch.ScalarType.Float32, typeof(float));
    public static readonly DType Float64 = new("float64", torch.ScalarType.Float64, typeof(double));
    public static readonly DType Int32 = new("int32", torch.ScalarType.Int32, typeof(int));
    public static readonly DType Int64 = new("int64", torch.ScalarType.Int64, typeof(long));
    public static readonly DType UInt8 = new("uint8", torch.ScalarType.Byte, typeof(byte));
    public static readonly DType Bool = new("bool", torch.ScalarType.Bool, typeof(bool));

    static readonly DType[] all = [Float32, Float64, Int32, Int64, UInt8, Bool];

    public string name { get; }
    internal torch.ScalarType ScalarType { get; }
    /// <summary>The .NET element type of <c>numpy()</c> and <c>ToArray</c>.</summary>
    public Type ClrType { get; }
    public bool is_floating => this == Float32 || this == Float64;

    DType(string name, torch.ScalarType scalarType, Type clrType) => (this.name, ScalarType, ClrType) = (name, scalarType, clrType);

    internal static DType FromTorch(torch.ScalarType type) =>
        Array.Find(all, d => d.ScalarType == type) ?? throw new NotSupportedException($"dtype {type} is not supported by TfNotes (supported: {Supported})");

    internal static DType FromClr(Type type, string argument) =>
        Array.Find(all, d => d.ClrType == type) ?? throw new ArgumentException(
            $"{argument}: element type {type.Name} is not supported (supported: float, double, int, long, byte, bool)", argument);

    static string Supported => string.Join(", ", all.Select(d => d.name));

    public override string ToString() => name;
}
