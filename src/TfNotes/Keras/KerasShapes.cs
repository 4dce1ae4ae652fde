namespace TfNotes.Keras;

/// <summary>Shapes with an unknown batch axis (-1, Keras' <c>None</c>), printed as Keras prints them: <c>(None, 64)</c>.</summary>
internal static class KerasShapes
{
    internal static string Format(Shape shape)
    {
        var dims = shape.dims.Select(d => d < 0 ? "None" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return dims.Length == 1 ? $"({dims[0]},)" : $"({string.Join(", ", dims)})";
    }

    /// <summary>The shape with its first axis unknown (a batch of any size).</summary>
    internal static Shape WithUnknownBatch(Shape shape) =>
        shape.ndim == 0 ? shape : new Shape([-1L, .. shape.dims[1..]]);
}
