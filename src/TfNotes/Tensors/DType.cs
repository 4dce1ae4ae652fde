using System.Runtime.InteropServices;
using TorchSharp;

namespace TfNotes;

/// <summary>A tensor element type, named as TensorFlow names it (<c>tf.float32</c> prints as <c>float32</c>).</summary>
public sealed class DType
{
    /// <summary><c>tf.float32</c>: 32-bit float, the default dtype of a float literal, <c>tf.constant(3.0)</c> and
    /// Keras weights.</summary>
    public static readonly DType Float32 = new("float32", torch.ScalarType.Float32, new Element<float>());
    /// <summary><c>tf.float64</c>: 64-bit float (NumPy's default float; <c>double[]</c> still gives float32 unless the
    /// dtype says so).</summary>
    public static readonly DType Float64 = new("float64", torch.ScalarType.Float64, new Element<double>());
    /// <summary><c>tf.int32</c>: 32-bit signed integer, the dtype of a C# <c>int</c>.</summary>
    public static readonly DType Int32 = new("int32", torch.ScalarType.Int32, new Element<int>());
    /// <summary><c>tf.int64</c>: 64-bit signed integer, the dtype of a C# <c>long</c>.</summary>
    public static readonly DType Int64 = new("int64", torch.ScalarType.Int64, new Element<long>());
    /// <summary><c>tf.uint8</c>: 8-bit unsigned integer (image pixels), the dtype of a C# <c>byte</c>.</summary>
    public static readonly DType UInt8 = new("uint8", torch.ScalarType.Byte, new Element<byte>());
    /// <summary><c>tf.bool</c>: boolean, the dtype of comparisons.</summary>
    public static readonly DType Bool = new("bool", torch.ScalarType.Bool, new Element<bool>());

    static readonly DType[] all = [Float32, Float64, Int32, Int64, UInt8, Bool];

    /// <summary><c>DType.name</c>: TensorFlow's name of the dtype, <c>"float32"</c>.</summary>
    public string name { get; }
    internal torch.ScalarType ScalarType { get; }
    /// <summary>How values of this dtype move between .NET arrays and libtorch (the one place that switches on the type).</summary>
    internal ElementType Values { get; }
    /// <summary>The .NET element type of <c>numpy()</c> and <c>ToArray</c>.</summary>
    public Type ClrType => Values.ClrType;
    /// <summary><c>DType.is_floating</c>: whether this is float32 or float64.</summary>
    public bool is_floating => this == Float32 || this == Float64;
    /// <summary><c>DType.is_integer</c>: whether this is int32, int64 or uint8.</summary>
    public bool is_integer => this == Int32 || this == Int64 || this == UInt8;
    /// <summary><c>DType.is_bool</c>: whether this is bool.</summary>
    public bool is_bool => this == Bool;
    /// <summary>The dtype TensorFlow's true division (<c>/</c>, <c>tf.math.truediv</c>) computes in: float32 for 8-bit
    /// integers, float64 for int32 and int64, the dtype itself for floats.</summary>
    internal DType TrueDivision => this == UInt8 ? Float32 : is_integer ? Float64 : this;

    DType(string name, torch.ScalarType scalarType, ElementType values) => (this.name, ScalarType, Values) = (name, scalarType, values);

    internal static DType FromTorch(torch.ScalarType type) => type switch
    {
        torch.ScalarType.Float32 => Float32,
        torch.ScalarType.Float64 => Float64,
        torch.ScalarType.Int32 => Int32,
        torch.ScalarType.Int64 => Int64,
        torch.ScalarType.Byte => UInt8,
        torch.ScalarType.Bool => Bool,
        _ => throw new NotSupportedException($"dtype {type} is not supported by TfNotes (supported: {Supported})"),
    };

    internal static DType FromClr(Type type, string argument) =>
        Array.Find(all, d => d.ClrType == type) ?? throw new ArgumentException(
            $"{argument}: element type {type.Name} is not supported (supported: float, double, int, long, byte, bool)", argument);

    static string Supported => string.Join(", ", all.Select(d => d.name));

    /// <summary>The dtype's <see cref="name"/>, as TensorFlow prints it.</summary>
    public override string ToString() => name;

    /// <summary>Copies of values in and out of libtorch for one .NET element type.</summary>
    internal abstract class ElementType
    {
        internal abstract Type ClrType { get; }
        /// <summary>A new libtorch tensor of <paramref name="dims"/> holding the values of a rectangular array of this type, row-major.</summary>
        internal abstract torch.Tensor FromArray(Array values, long[] dims);
        internal abstract torch.Tensor FromNDArray(NumSharp.NDArray values, long[] dims);
        /// <summary>A new libtorch tensor of <paramref name="dims"/> holding the little-endian bytes of its values.</summary>
        internal abstract torch.Tensor FromBytes(ReadOnlySpan<byte> bytes, long[] dims);
        /// <summary>The values of a contiguous tensor of this type, row-major.</summary>
        internal abstract Array ToArray(torch.Tensor contiguous);
        internal abstract byte[] ToBytes(torch.Tensor contiguous);
    }

    sealed class Element<T> : ElementType where T : unmanaged
    {
        internal override Type ClrType => typeof(T);

        internal override torch.Tensor FromArray(Array values, long[] dims) => values.Rank == 1 ? Shaped(values, dims) : torch.from_array(values);
        internal override torch.Tensor FromNDArray(NumSharp.NDArray values, long[] dims) => Shaped(values.ToArray<T>(), dims);
        internal override torch.Tensor FromBytes(ReadOnlySpan<byte> bytes, long[] dims) => Shaped(MemoryMarshal.Cast<byte, T>(bytes).ToArray(), dims);

        static torch.Tensor Shaped(Array flat, long[] dims)
        {
            using var line = torch.from_array(flat);
            return line.reshape(dims);
        }

        // The accessor disposed here: left alone it waits for the finalizer.
        internal override Array ToArray(torch.Tensor contiguous)
        {
            using var values = contiguous.data<T>();
            return values.ToArray();
        }

        internal override byte[] ToBytes(torch.Tensor contiguous) => MemoryMarshal.AsBytes(((T[])ToArray(contiguous)).AsSpan()).ToArray();
    }
}
