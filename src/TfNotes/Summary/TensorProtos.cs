using System.Runtime.InteropServices;
using Google.Protobuf;
using Tensorboard;

namespace TfNotes.Summary;

/// <summary>The <c>TensorProto</c>s of TensorFlow 2's summaries: numbers as raw little-endian <c>tensor_content</c>
/// and strings as <c>string_val</c>, as TensorFlow's summary writer stores them.</summary>
internal static class TensorProtos
{
    static TensorShapeProto Shape(params long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims) shape.Dim.Add(new TensorShapeProto.Types.Dim { Size = d });
        return shape;
    }

    internal static TensorProto Float(float value) => new()
    {
        Dtype = DataType.DtFloat,
        TensorShape = Shape(),
        TensorContent = ByteString.CopyFrom(MemoryMarshal.AsBytes<float>([value])),
    };

    internal static TensorProto Doubles(double[] values, params long[] dims) => new()
    {
        Dtype = DataType.DtDouble,
        TensorShape = Shape(dims),
        TensorContent = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())),
    };

    internal static TensorProto Strings(IEnumerable<byte[]> values, params long[] dims)
    {
        var proto = new TensorProto { Dtype = DataType.DtString, TensorShape = Shape(dims) };
        foreach (var value in values) proto.StringVal.Add(ByteString.CopyFrom(value));
        return proto;
    }
}
