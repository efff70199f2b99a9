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

    [Benchmark(Description = "IModelRouter.ResolveAsync + routed stream, 1,000 chunks")]
    public Task<int> Routed() => _rig.ReadRoutedAsync();
}
