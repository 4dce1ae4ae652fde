using NumSharp;
using TorchSharp;

namespace TfNotes;

/// <summary>
/// An immutable multi-dimensional array, as <c>tf.Tensor</c>. Values live in libtorch; see
/// <see cref="StepScope"/> for when they are freed (<see cref="keep"/> keeps one beyond its step).
/// </summary>
public partial class Tensor : IDisposable
{
    // Who may free the native tensor. Steps free only Owned tensors of their own thread; another thread's read makes a
    // tensor Shared first (by compare-and-swap, so exactly one of a step's free and that read wins), and a Shared
    // tensor's handle is never disposed while a reader may hold it: dropping it leaves it to the GC's finalizer.
    const int Owned = 0, Standalone = 1, Freed = 2, Shared = 3;

    torch.Tensor? native;
    MemoryPressure? pressure;
    int state;
    int thread = Environment.CurrentManagedThreadId;
    internal StepScope? Owner;

    /// <summary>The .NET number this tensor was made from where a tensor was expected (see <see cref="TensorConversion.Literal"/>).</summary>
    internal object? Literal;

    /// <summary>Whether this tensor is a NumPy array converted where a tensor was expected (TF casts those to the dtype asked for).</summary>
    internal bool FromNumPy;

    /// <summary>Set while a map function is traced for vectorization (see <see cref="ElementwiseTrace"/>).</summary>
    internal ElementwiseTrace? Trace;

    /// <summary>How many tensor wrappers hold native memory not yet freed by a step or Dispose (for memory tests).</summary>
    internal static long Live;

    private protected Tensor(torch.Tensor native, StepScope? owner)
    {
        this.native = native;
        Interlocked.Increment(ref Live);
        Owner = owner;
        if (owner is null)
        {
            state = Standalone;
            pressure = MemoryPressure.For(native);
        }
        else owner.Own(this);
    }

    /// <summary>Set on a variable whose current value is kept elsewhere (a fused kernel's buffers, see
    /// <see cref="FusedBatchNorm"/>): run before its values are read, it writes them into the variable and clears itself.</summary>
    internal Action? Pending;

    /// <summary>The libtorch tensor; throws a clear error once the step that made it has ended.</summary>
    internal torch.Tensor Native
    {
        get
        {
            Pending?.Invoke();
            return Described;
        }
    }

    /// <summary>The libtorch tensor for its shape: what a pending value does not change.</summary>
    torch.Tensor Described
    {
        get
        {
            Trace?.OnRead();
            return Unchecked;
        }
    }

    /// <summary>The libtorch tensor for what is the same for an element and a batch of them (the dtype).</summary>
    torch.Tensor Unchecked
    {
        get
        {
            GradientTape.OnRead(this);
            Engine.FlushDenormals.OnThisThread();
            if (thread != Environment.CurrentManagedThreadId) return ReadShared();
            if (Owner is { IsGrace: true }) Rescue();
            return state != Freed ? native! : throw FreedError();
        }
    }

    static ObjectDisposedException FreedError() => new(nameof(Tensor),
        "This tensor was freed: it was made inside a step (a GradientTape, a minimize call or one pass of a foreach over a " +
        "Dataset) that has ended and was not used again before a further step ended, or it was disposed. " +
        "Call keep() on it inside the step to use it later.");

    /// <summary>A read on another thread than the owner's: from now on no step frees the handle, the GC does.</summary>
    torch.Tensor ReadShared()
    {
        while (true)
        {
            int s = Volatile.Read(ref state);
            if (s == Freed) throw FreedError();
            if (s == Shared || Interlocked.CompareExchange(ref state, Shared, s) == s) break;
        }
        // Not freed by this thread's Dispose once Shared; read before the state could turn Freed, it is still valid.
        return Volatile.Read(ref native) ?? throw FreedError();
    }

    /// <summary>A read of a tensor waiting in the grace of its ended step: it is the user's now, like a kept one.</summary>
    void Rescue()
    {
        Owner = null;
        if (Interlocked.CompareExchange(ref state, Standalone, Owned) == Owned && native is not null)
            pressure = MemoryPressure.For(native);
    }

    internal bool IsFreed => Volatile.Read(ref state) == Freed;

    // Every op result goes through these: it joins the outermost step among the current one and its inputs' steps.
    internal static Tensor Wrap(torch.Tensor result) => new(result, StepScope.Current);
    internal static Tensor Wrap(torch.Tensor result, Tensor a) => new(result, Place(StepScope.Current, a));
    internal static Tensor Wrap(torch.Tensor result, Tensor a, Tensor b) => new(result, Place(Place(StepScope.Current, a), b));
    /// <summary>A result of <paramref name="a"/> and the optional inputs <paramref name="b"/>, <paramref name="c"/> (null: absent).</summary>
    internal static Tensor Wrap(torch.Tensor result, Tensor a, Tensor? b, Tensor? c)
    {
        var scope = Place(StepScope.Current, a);
        if (b is not null) scope = Place(scope, b);
        if (c is not null) scope = Place(scope, c);
        return new(result, scope);
    }
    internal static Tensor Wrap(torch.Tensor result, IReadOnlyList<Tensor> inputs)
    {
        var scope = StepScope.Current;
        for (int i = 0; i < inputs.Count; i++) scope = Place(scope, inputs[i]);
        return new(result, scope);
    }

    /// <summary>A tensor that belongs to no step whatever steps are open (left to the GC unless freed or adopted).</summary>
    internal static Tensor Unowned(torch.Tensor result) => new(result, owner: null);

    /// <summary>Moves a tensor that belongs to no step into <paramref name="scope"/> of this thread (e.g. an element
    /// made on a prefetch thread), so that step frees it and the garbage collector no longer counts its memory pressure.</summary>
    internal void Adopt(StepScope scope)
    {
        if (Interlocked.CompareExchange(ref state, Owned, Standalone) != Standalone) return;
        pressure?.Release();
        pressure = null;
        thread = Environment.CurrentManagedThreadId;
        Owner = scope;
        scope.Own(this);
    }

    /// <summary>Takes over a tensor another thread made outside any step and handed to this one (a prefetched element, a
    /// parallel map's result): reads on this thread are then its owner's. Only where the hand-over is synchronized.</summary>
    internal void Receive()
    {
        if (Volatile.Read(ref state) == Standalone) thread = Environment.CurrentManagedThreadId;
    }

    /// <summary>Tensors made outside any step (data, constants) are long-lived like variables and do not move a result;
    /// neither do tensors of another thread's steps: a result belongs to the step of the thread that computed it.</summary>
    static StepScope? Place(StepScope? scope, Tensor input)
    {
        var owner = input.Owner;
        return scope is not null && owner is not null && !owner.IsGrace && owner.Thread == scope.Thread &&
               owner.Depth < scope.Depth && Volatile.Read(ref input.state) == Owned ? owner : scope;
    }

    /// <summary><c>Tensor.shape</c>: the tensor's dimensions.</summary>
    public Shape shape => new(Dims(Described));
    /// <summary>A libtorch tensor's dimensions by <c>dim()</c> and <c>size(i)</c>, which allocate nothing native-side.
    /// TorchSharp's <c>shape</c> fills its array through a managed callback into a finalizable <c>PinnedArray</c> it
    /// never un-registers: a cost on every read, and one more object for each collection to promote and the finalizer to run.</summary>
    internal static long[] Dims(torch.Tensor t)
    {
        var dims = new long[t.dim()];
        for (int i = 0; i < dims.Length; i++) dims[i] = t.size(i);
        return dims;
    }

    /// <summary><c>Tensor.ndim</c>: the number of dimensions (the rank).</summary>
    public int ndim => (int)Described.dim();
    DType? type; // a tensor's dtype never changes
    /// <summary><c>Tensor.dtype</c>: the element type.</summary>
    public DType dtype => type ??= DType.FromTorch(Unchecked.dtype);

    /// <summary>Keeps this tensor beyond the step that made it (it is then freed by the garbage collector).</summary>
    public Tensor keep()
    {
        var value = Unchecked;
        if (Owner is not null && Interlocked.CompareExchange(ref state, Standalone, Owned) == Owned)
            pressure ??= MemoryPressure.For(value);
        Owner = null;
        return this;
    }

    /// <summary>A copy of the values as a NumSharp array (float32 → float, float64 → double, …).</summary>
    public NDArray numpy()
    {
        var shape = Array.ConvertAll(Dims(Native), d => (int)d);
        var values = Values();
        return new NDArray(values, shape.Length == 0 ? NumSharp.Shape.Scalar : new NumSharp.Shape(shape), 'C');
    }

    /// <summary>The values in row-major order.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        if (typeof(T) != dtype.ClrType)
            throw new InvalidCastException($"ToArray<{typeof(T).Name}>: the tensor's dtype is {dtype} ({dtype.ClrType.Name})");
        return (T[])Values();
    }

    Array Values()
    {
        using var detached = Native.detach();
        using var flat = detached.contiguous();
        return dtype.Values.ToArray(flat);
    }

    /// <summary>The single value of a one-element tensor.</summary>
    public T item<T>() where T : unmanaged
    {
        if (Native.NumberOfElements != 1)
            throw new InvalidOperationException($"item: the tensor has shape {shape}, not a single value");
        return ToArray<T>()[0];
    }

    // A number where a tensor is expected takes the other operand's dtype in a binary op, as a Python number does.
    /// <summary>A <c>float</c> where a tensor is expected: a float32 scalar, or the other operand's dtype in a binary
    /// op (as a Python float).</summary>
    public static implicit operator Tensor(float value) => TensorConversion.Literal(value);
    /// <summary>A <c>double</c> where a tensor is expected: a float32 scalar, or the other operand's dtype in a binary
    /// op (as a Python float).</summary>
    public static implicit operator Tensor(double value) => TensorConversion.Literal(value);
    /// <summary>An <c>int</c> where a tensor is expected: an int32 scalar, or the other operand's dtype in a binary op
    /// (as a Python int).</summary>
    public static implicit operator Tensor(int value) => TensorConversion.Literal(value);
    /// <summary>A <c>long</c> where a tensor is expected: an int64 scalar, or the other operand's dtype in a binary op
    /// (as a Python int).</summary>
    public static implicit operator Tensor(long value) => TensorConversion.Literal(value);
    /// <summary>A <c>bool</c> where a tensor is expected: a bool scalar.</summary>
    public static implicit operator Tensor(bool value) => TensorConversion.Literal(value);
    /// <summary>A NumSharp array where a tensor is expected: a tensor of the array's dtype (float64 stays float64) and
    /// shape.</summary>
    public static implicit operator Tensor(NDArray value)
    {
        var tensor = TensorConversion.FromNDArray(value, null, nameof(value));
        tensor.FromNumPy = true;
        return tensor;
    }

    /// <summary>Called by this tensor's step on its thread when the step ends; a no-op once kept, shared or freed.</summary>
    internal void FreeFromStep()
    {
        if (Interlocked.CompareExchange(ref state, Freed, Owned) != Owned) return;
        var freed = native!;
        native = null;
        freed.Dispose();
        Interlocked.Decrement(ref Live);
    }

    /// <summary>Frees the native memory now (optional: steps and the garbage collector do it otherwise).</summary>
    public virtual void Dispose()
    {
        int s;
        do
        {
            s = Volatile.Read(ref state);
            if (s == Freed) return;
        } while (Interlocked.CompareExchange(ref state, Freed, s) != s);
        Interlocked.Decrement(ref Live);
        Owner = null;
        // Another thread may be in a native call with the handle: it stays referenced here, and the GC frees it with
        // this wrapper, when no thread can hold either.
        if (s == Shared || thread != Environment.CurrentManagedThreadId) return;
        pressure?.Release();
        pressure = null;
        var freed = native!;
        native = null;
        freed.Dispose();
    }

    /// <summary>TensorFlow's eager form: <c>tf.Tensor([1. 2.], shape=(2,), dtype=float32)</c>.</summary>
    public override string ToString() =>
        IsFreed ? "tf.Tensor(<freed>)" : $"tf.Tensor({TensorFormat.Text(this)}, shape={shape}, dtype={dtype})";
}
