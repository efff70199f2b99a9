using BenchmarkDotNet.Attributes;

namespace PluginBot.Benchmarks;

/// <summary>
/// One answer of 1,000 streamed chunks from FakeOpenAiServer (no delay, usage included), read to the end: by the
/// raw OpenAI SDK client, and through the host's model router and the LlmGateway plugin.
/// </summary>
[MemoryDiagnoser]
public class StreamingBenchmarks
{
    private StreamingRig _rig = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _rig = await StreamingRig.StartAsync();
        await _rig.VerifyAsync();
        await _rig.WarmUpAsync(TimeSpan.FromSeconds(10));
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _rig.DisposeAsync();

    [Benchmark(Baseline = true, Description = "raw SDK ChatClient.AsIChatClient(), 1,000 chunks")]
    public Task<int> RawSdk() => _rig.ReadRawAsync();

    /// <summary>
    /// The router always hands the SDK a cancellable token (its first-token time-out is linked to the caller's),
    /// and the SDK's read time-out then links a new token source to it for every read: this row shows that cost alone.
    /// </summary>
    [Benchmark(Description = "raw SDK, cancellable token, 1,000 chunks")]
    public Task<int> RawSdkCancellable() => _rig.ReadRawAsync(_rig.Cancellable);

    [Benchmark(Description = "IModelRouter.ResolveAsync + routed stream, 1,000 chunks")]
    public Task<int> Routed() => _rig.ReadRoutedAsync();
}
