using TfNotes.Keras.Initializers;

namespace TfNotes.Keras.Layers;

/// <summary>
/// What Dense and Conv2D share: a <c>kernel</c> and (with <c>use_bias</c>) a <c>bias</c>, their initializers (Keras'
/// defaults: glorot_uniform and zeros), and an activation applied to the output.
/// </summary>
public abstract class KernelLayer : Layer
{
    private protected KernelLayer(ActivationFunction? activation, bool use_bias, Initializer? kernel_initializer, Initializer? bias_initializer,
        string? name, string? defaultName = null) : base(name, defaultName)
    {
        this.activation = activation;
        this.use_bias = use_bias;
        this.kernel_initializer = kernel_initializer ?? new GlorotUniform();
        this.bias_initializer = bias_initializer ?? new Zeros();
    }

    /// <summary>The activation applied to the output; null for none (linear).</summary>
    public ActivationFunction? activation { get; }
    /// <summary>Whether the layer has a bias (Keras' default true).</summary>
    public bool use_bias { get; }
    /// <summary>The kernel's initializer (Keras' default glorot_uniform).</summary>
    public Initializer kernel_initializer { get; }
    /// <summary>The bias' initializer (Keras' default zeros).</summary>
    public Initializer bias_initializer { get; }

    /// <summary>The kernel; null until built.</summary>
    public Variable? kernel { get; private set; }
    /// <summary>The bias, one per output unit or filter; null until built or without <see cref="use_bias"/>.</summary>
    public Variable? bias { get; private set; }

    /// <summary>Makes the kernel of <paramref name="kernelShape"/> and the bias of <paramref name="units"/> values.</summary>
    private protected void AddKernel(Shape kernelShape, long units)
    {
        kernel = add_weight("kernel", kernelShape, kernel_initializer);
        if (use_bias) bias = add_weight("bias", new Shape(units), bias_initializer);
    }

    private protected Tensor Activate(Tensor y) => activation is null ? y : activation.Apply(y);
}
