using NumSharp;
using TorchSharp;

namespace TfNotes;

/// <summary>
/// An immutable multi-dimensional array, as <c>tf.Tensor</c>. Values live in libtorch; see
/// <see cref="StepScope"/> for when they are freed (<see cref="keep"/> keeps one beyond its step).
/// </summary>
public partial class Tensor : IDisposable
{
    torch.Tensor? native;
    MemoryPressure? pressure;
    internal StepScope? Owner;

    /// <summary>Set while a map function is traced for vectorization (see <see cref="ElementwiseTrace"/>).</summary>
    internal ElementwiseTrace? Trace;

    /// <summary>How many tensor wrappers hold native memory not yet freed by a step or Dispose (for memory tests).</summary>
    internal static long Live;

    private protected Tensor(torch.Tensor native, StepScope? owner)
    {
        this.native = native;
        Interlocked.Increment(ref Live);
        Owner = owner;
        if (owner is null) pressure = MemoryPressure.For(native);
        else owner.Own(this);
    }

    /// <summary>The libtorch tensor; throws a clear error once the step that made it has ended.</summary>
    internal torch.Tensor Native
    {
        get
        {
            Trace?.OnRead();
            return Unchecked;
        }
    }

    /// <summary>The libtorch tensor for what is the same for an element and a batch of them (the dtype).</summary>
    torch.Tensor Unchecked => native ?? throw new ObjectDisposedException(nameof(Tensor),
        "This tensor was freed: it was made inside a step (a GradientTape, a minimize call or one pass of a foreach over a " +
        "Dataset) that has ended, or it was disposed. Call keep() on it inside the step to use it later.");

    internal bool IsFreed => native is null;

    // Every op result goes through these: it joins the outermost step among the current one and its inputs' steps.
    internal static Tensor Wrap(torch.Tensor result) => new(result, StepScope.Current);
    internal static Tensor Wrap(torch.Tensor result, Tensor a) => new(result, Place(StepScope.Current, a));
    internal static Tensor Wrap(torch.Tensor result, Tensor a, Tensor b) => new(result, Place(Place(StepScope.Current, a), b));
    internal static Tensor Wrap(torch.Tensor result, IEnumerable<Tensor> inputs) =>
        new(result, inputs.Aggregate(StepScope.Current, Place));

    /// <summary>A tensor that belongs to no step whatever steps are open (left to the GC unless freed or adopted).</summary>
    internal static Tensor Unowned(torch.Tensor result) => new(result, owner: null);

    /// <summary>Moves this tensor into <paramref name="scope"/> (e.g. from another thread), so that step frees it and
    /// the garbage collector no longer counts its memory pressure.</summary>
    internal void Adopt(StepScope scope)
    {
        pressure?.Release();
        pressure = null;
        Owner = scope;
        scope.Own(this);
    }

    /// <summary>Tensors made outside any step (data, constants) are long-lived like variables and do not move a result.</summary>
    static StepScope? Place(StepScope? scope, Tensor input)
    {
        var owner = input.Owner;
        return scope is not null && owner is not null && owner.Depth < scope.Depth ? owner : scope;
    }

    public Shape shape => new(Native.shape);
    public int ndim => (int)Native.dim();
    public DType dtype => DType.FromTorch(Unchecked.dtype);

    /// <summary>Keeps this tensor beyond the step that made it (it is then freed by the garbage collector).</summary>
    public Tensor keep()
    {
        if (Owner is not null && this is not Variable)
        {
            Owner = null;
            pressure ??= MemoryPressure.For(Native);
        }
        return this;
    }

    /// <summary>A copy of the values as a NumSharp array (float32 → float, float64 → double, …).</summary>
    public NDArray numpy()
    {
        var shape = Array.ConvertAll(Native.shape, d => (int)d);
        var values = Values();
        return new NDArray(values, shape.Length == 0 ? NumSharp.Shape.Scalar : new NumSharp.Shape(shape), 'C');
    }

    /// <summary>The values in row-major order.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        if (typeof(T) != dtype.ClrType)
            throw new InvalidCastException($"ToArray<{typeof(T).Name}>: the tensor's dtype is {dtype} ({dtype.ClrType.Name})");
        using var flat = Native.detach().contiguous().reshape(-1);
        return flat.data<T>().ToArray();
    }

    Array Values() => dtype.ClrType switch
    {
        var t when t == typeof(float) => ToArray<float>(),
        var t when t == typeof(double) => ToArray<double>(),
        var t when t == typeof(int) => ToArray<int>(),
        var t when t == typeof(long) => ToArray<long>(),
        var t when t == typeof(byte) => ToArray<byte>(),
        _ => ToArray<bool>(),
    };

    /// <summary>The single value of a one-element tensor.</summary>
    public T item<T>() where T : unmanaged
    {
        if (Native.NumberOfElements != 1)
            throw new InvalidOperationException($"item: the tensor has shape {shape}, not a single value");
        return ToArray<T>()[0];
    }

    public static implicit operator Tensor(float value) => Wrap(torch.tensor(value));
    public static implicit operator Tensor(double value) => Wrap(torch.tensor(value));
    public static implicit operator Tensor(int value) => Wrap(torch.tensor(value));
    public static implicit operator Tensor(NDArray value) => TensorConversion.FromNDArray(value, null, nameof(value));

    internal void Free()
    {
        pressure?.Release();
        pressure = null;
        if (Interlocked.Exchange(ref native, null) is { } freed)
        {
            freed.Dispose();
            Interlocked.Decrement(ref Live);
        }
    }

    /// <summary>Frees the native memory now (optional: steps and the garbage collector do it otherwise).</summary>
    public virtual void Dispose()
    {
        Owner = null;
        Free();
        GC.SuppressFinalize(this);
    }

    public override string ToString() =>
        IsFreed ? "tf.Tensor(<freed>)" : $"tf.Tensor({TensorFormat.Text(this)}, shape={shape}, dtype={dtype})";
}
