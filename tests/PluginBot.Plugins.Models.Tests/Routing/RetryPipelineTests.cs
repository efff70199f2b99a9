using PluginBot.Plugins.Models;
using PluginBot.Plugins.Models.Routing;

namespace PluginBot.Plugins.Models.Tests.Routing;

public sealed class RetryPipelineTests
{
    [Fact]
    public async Task One_attempt_means_the_call_runs_once_without_a_retry_strategy()
    {
        var pipeline = RetryPipeline.Build(new ModelsSettings { MaxAttempts = 1 }, TimeProvider.System);
        var calls = 0;

        await pipeline.ExecuteAsync(_ =>
        {
            calls++;
            return ValueTask.CompletedTask;
        });

        Assert.Equal(1, calls);
    }
}
