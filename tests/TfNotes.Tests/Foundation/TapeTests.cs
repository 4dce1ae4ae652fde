using TfNotes;
using static TfNotes.Binding;

namespace TfNotes.Tests.Foundation;

public class TapeTests
{
    [Fact]
    public void Persistent_tape_gives_several_gradients()
    {
        var x = tf.Variable(3.0);
        using var tape = tf.GradientTape(persistent: true);
        var y = x * x;
        var z = y * y;
        Assert.Equal(6.0, (double)tape.gradient(y, x)!);
        Assert.Equal(108.0, (double)tape.gradient(z, x)!); // 4x³
    }

    [Fact]
    public void A_variable_changed_in_place_before_gradient_is_a_clear_error_and_the_next_tape_is_unaffected()
    {
        var v = tf.Variable(new[] { 1f, 2f });
        using (var tape = tf.GradientTape())
        {
            var y = tf.reduce_sum(v * v);
            v.assign(tf.constant(new[] { 3f, 4f }));
            var e = Assert.Throws<InvalidOperationException>(() => tape.gradient(y, v));
            Assert.StartsWith("gradient: libtorch could not differentiate: ", e.Message);
            Assert.Contains("changed in place before gradient was called", e.Message);
        }
        using var next = tf.GradientTape();
        var z = tf.reduce_sum(v * v);
        var g = next.gradient(z, v)!;
        Assert.Equal(tf.float32, g.dtype);
        Assert.Equal([2L], g.shape.dims);
        Assert.Equal([6f, 8f], g.ToArray<float>()); // d/dv Σv² = 2v at v = (3, 4), nothing left from the failed pass
    }

    [Fact]
    public void Non_persistent_tape_refuses_a_second_gradient_with_TensorFlows_message()
    {
        var x = tf.Variable(3.0);
        using var tape = tf.GradientTape();
        var y = x * x;
        tape.gradient(y, x);
        var e = Assert.Throws<InvalidOperationException>(() => tape.gradient(y, x));
        Assert.Equal("A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)", e.Message);
    }

    [Fact]
    public void Unconnected_source_gives_null_or_zeros()
    {
        var x = tf.Variable(3.0);
        var unused = tf.Variable(new[] { 1.0, 2.0 });
        using (var tape = tf.GradientTape())
        {
            var grads = tape.gradient(x * 2.0, [x, unused]);
            Assert.Equal(2.0, (double)grads[0]!);
            Assert.Null(grads[1]);
        }
        using (var tape = tf.GradientTape())
        {
            var grads = tape.gradient(x * 2.0, [x, unused], UnconnectedGradients.Zero);
            Assert.Equal(new[] { 0f, 0f }, grads[1]!.ToArray<float>());
        }
    }

    [Fact]
    public void A_constant_needs_watch()
    {
        var c = tf.constant(4.0);
        using (var tape = tf.GradientTape())
            Assert.Null(tape.gradient(c * c, c));
        using (var tape = tf.GradientTape())
        {
            tape.watch(c);
            Assert.Equal(8.0, (double)tape.gradient(c * c, c)!);
        }
    }

    [Fact]
    public void Variables_are_not_watched_when_watch_accessed_variables_is_false()
    {
        var v = tf.Variable(2.0);
        using var tape = tf.GradientTape(watch_accessed_variables: false);
        Assert.Null(tape.gradient(v * v, v));
    }

    [Fact]
    public void Untrainable_variables_get_no_gradient()
    {
        var v = tf.Variable(2.0, trainable: false);
        using var tape = tf.GradientTape();
        Assert.Null(tape.gradient(v * v, v));
    }

    [Fact]
    public void Nested_tapes_give_the_second_derivative()
    {
        var x = tf.Variable(3.0);
        using var outer = tf.GradientTape();
        Tensor dy_dx;
        using (var inner = tf.GradientTape())
        {
            var y = x * x * x;
            dy_dx = inner.gradient(y, x)!;
        }
        Assert.Equal(27.0, (double)dy_dx); // 3x²
        Assert.Equal(18.0, (double)outer.gradient(dy_dx, x)!); // 6x
    }

    [Fact]
    public void Gradient_of_a_non_scalar_target_is_that_of_its_sum()
    {
        var x = tf.Variable(new[] { 1.0, 2.0, 3.0 });
        using var tape = tf.GradientTape();
        var y = x * x; // d Σx² / dx = 2x
        Assert.Equal(new[] { 2f, 4f, 6f }, tape.gradient(y, x)!.ToArray<float>());
    }

    [Fact]
    public void Gradient_with_respect_to_an_intermediate_tensor()
    {
        var x = tf.Variable(2.0);
        using var tape = tf.GradientTape();
        var h = x * 3.0;
        var y = h * h; // dy/dh = 2h = 12
        Assert.Equal(12.0, (double)tape.gradient(y, h)!);
    }

    [Fact]
    public void Changing_a_recorded_variable_in_place_before_gradient_is_an_exception_not_a_crash()
    {
        var x = tf.Variable(2.0);
        using var tape = tf.GradientTape();
        var y = x * x; // the product saves x for the backward pass
        x.assign_add(tf.constant(1.0));
        var e = Assert.Throws<InvalidOperationException>(() => tape.gradient(y, x));
        Assert.Contains("in place", e.Message);
    }
}
