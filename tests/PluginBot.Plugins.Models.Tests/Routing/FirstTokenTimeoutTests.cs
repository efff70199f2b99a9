using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Llm;
using PluginBot.Plugins.Models.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Models.Tests.Routing;

/// <summary>The router with a one-second first-token time-out: only a provider that never answers meets it.</summary>
public sealed class ImpatientRouterFixture : RouterFixture
{
    protected override string FirstTokenTimeoutSeconds => "1";
}

public sealed class FirstTokenTimeoutTests(ImpatientRouterFixture host) : HostTest<ImpatientRouterFixture>(host), IClassFixture<ImpatientRouterFixture>
{
    private static readonly LlmCallContext Context = new() { Actor = HostFixture.User, TaskId = "t-2", Project = "site", IdempotencyKey = "t-2:1:1", Purpose = "task" };

    public override Task InitializeAsync()
    {
        Host.Reset();
        return base.InitializeAsync();
    }

    [Fact]
    public async Task A_provider_that_never_answers_times_out_after_the_retries()
    {
        var calls = Host.Gateway.Calls.Count;
        Host.Gateway.DefaultReply = FakeReply.Hanging();
        ResolvedModel model;
        await using (var scope = Host.CreateScope(HostFixture.User))
        {
            model = await scope.ServiceProvider.GetRequiredService<IModelRouter>().ResolveAsync("gateway:gpt-test", Context);
        }

        var error = await Assert.ThrowsAsync<LlmCallFailedException>(async () =>
        {
            await foreach (var _ in model.Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]))
            {
            }
        });
        Assert.Equal(LlmFailureKind.Timeout, error.Failure.Kind);
        Assert.Contains("did not answer in time", error.Message, StringComparison.Ordinal);
        Assert.Equal(calls + 3, Host.Gateway.Calls.Count);
        Assert.Equal(3, Host.Usage.Events.Count);
    }
}
