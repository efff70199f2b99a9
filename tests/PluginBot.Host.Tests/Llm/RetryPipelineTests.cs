using PluginBot.Host.Llm;

namespace PluginBot.Host.Tests.Llm;

public sealed class RetryPipelineTests
{
    [Fact]
    public async Task One_attempt_means_the_call_runs_once_without_a_retry_strategy()
    {
        var pipeline = RoutedChatClient.BuildRetry(new ModelsSettings { MaxAttempts = 1 }, TimeProvider.System);
        var calls = 0;

        await pipeline.ExecuteAsync(_ =>
        {
            calls++;
            return ValueTask.CompletedTask;
        });

        Assert.Equal(1, calls);
    }
}
