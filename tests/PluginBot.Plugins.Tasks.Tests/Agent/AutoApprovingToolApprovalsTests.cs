using Microsoft.Extensions.Logging.Testing;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Agent;

namespace PluginBot.Plugins.Tasks.Tests.Agent;

public sealed class AutoApprovingToolApprovalsTests
{
    [Fact]
    public async Task Every_call_is_approved_and_logged_with_its_argument_names_but_not_their_values()
    {
        var logger = new FakeLogger<AutoApprovingToolApprovals>();
        var task = new TaskInfo("k3x9p2", new Actor(42, ActorKind.User, "worker"), null, "deploy", null, "agent", new Dictionary<string, string>(), null, 0, null, null);
        var request = new ToolApprovalRequest(task, "deploy", new Dictionary<string, object?> { ["token"] = "sk-secret-value", ["target"] = "prod" }, "call-1");

        var answer = await new AutoApprovingToolApprovals(logger).AskAsync(request, CancellationToken.None);

        Assert.True(answer.Approved);
        var line = Assert.Single(logger.Collector.GetSnapshot()).Message;
        Assert.Contains("Task k3x9p2: approved deploy(token, target) for 42 automatically", line, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret-value", line, StringComparison.Ordinal);
    }
}
