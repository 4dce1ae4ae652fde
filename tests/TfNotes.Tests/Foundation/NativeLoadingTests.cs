using TfNotes.Engine;
using static TfNotes.Binding;

namespace TfNotes.Tests.Foundation;

/// <summary>The loading fix runs for real in this test host: no mock, no manual step.</summary>
public class NativeLoadingTests
{
    [Fact]
    public void Torch_loads_in_the_test_host_and_computes()
    {
        TorchRuntime.EnsureLoaded();
        Assert.Equal(6.0f, (float)tf.reduce_sum(tf.ones(new[] { 2, 3 })));
    }

    [Fact]
    public void The_weak_version_copy_is_used_exactly_when_the_host_lacks_GLIBCXX_3_4_32()
    {
        TorchRuntime.EnsureLoaded();
        bool hostHasIt = TorchRuntime.HostHasMarkerVersion();
        Assert.Equal(!hostHasIt, TorchRuntime.PatchedBindingPath is not null);
        if (File.Exists("/etc/debian_version") && File.ReadAllText("/etc/debian_version").StartsWith("12"))
            Assert.False(hostHasIt, "Debian 12's libstdc++ stops at GLIBCXX_3.4.30, so the fix must have been exercised");
    }

    [Fact]
    public void The_copy_differs_from_the_original_only_in_one_version_flag()
    {
        TorchRuntime.EnsureLoaded();
        if (TorchRuntime.PatchedBindingPath is null) return; // a host with GLIBCXX_3.4.32 needs no copy (checked above)
        var original = File.ReadAllBytes(TorchRuntime.OriginalBindingPath!);
        var copy = File.ReadAllBytes(TorchRuntime.PatchedBindingPath);
        Assert.Equal(original.Length, copy.Length);
        var differing = Enumerable.Range(0, original.Length).Where(i => original[i] != copy[i]).ToList();
        Assert.Single(differing);
        Assert.Equal(original[differing[0]] | 0x2, copy[differing[0]]); // VER_FLG_WEAK
        Assert.Equal(1, ElfVersionPatch.MarkWeak(original, "GLIBCXX_3.4.32"));
        Assert.Equal(copy, original);
    }

    [Fact]
    public void A_file_that_is_not_ELF_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => ElfVersionPatch.MarkWeak(new byte[64], "GLIBCXX_3.4.32"));
    }

    [Fact]
    public void One_intra_op_thread_is_set_for_the_calling_thread_only()
    {
        int before = TorchSharp.torch.get_num_threads();
        int limited = 0, fresh = 0;
        var thread = new Thread(() => { IntraOpThreads.UseOnlyThisThread(); limited = TorchSharp.torch.get_num_threads(); });
        thread.Start();
        thread.Join();
        var other = new Thread(() => fresh = TorchSharp.torch.get_num_threads());
        other.Start();
        other.Join();

        Assert.Equal(1, limited);
        Assert.Equal(before, TorchSharp.torch.get_num_threads());
        Assert.Equal(before, fresh);
    }
}
