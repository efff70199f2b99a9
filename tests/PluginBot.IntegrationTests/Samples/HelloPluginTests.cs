using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Storage;
using PluginBot.Abstractions.Tasks;
using PluginBot.Host.Plugins;
using PluginBot.TestKit;

namespace PluginBot.IntegrationTests.Samples;

/// <summary>The sample plugin, built from its package reference, loaded and exercised through the real host.</summary>
public sealed class HelloPluginTests(HelloPluginFixture host) : HostTest<HelloPluginFixture>(host), IClassFixture<HelloPluginFixture>
{
    private static readonly CommandContext FromUser = new(HostFixture.User, new ConversationReference("test", "1"));

    [Fact]
    public void Plugin_is_active_with_its_manifest_and_no_warnings()
    {
        var plugin = Host.Services.GetRequiredService<PluginCatalog>().Find("hello");

        Assert.NotNull(plugin);
        Assert.True(plugin.Status == PluginStatus.Active, $"{plugin.Status}: {plugin.Reason}");
        Assert.Equal("Hello", plugin.Manifest.Name);
        Assert.Equal("HelloPlugin.dll", plugin.Manifest.EntryAssembly);
        Assert.Empty(plugin.Warnings);
    }

    [Fact]
    public void Plugin_folder_carries_no_copy_of_a_contract_assembly()
    {
        var assemblies = Directory.GetFiles(Host.PluginFolder, "*.dll").Select(Path.GetFileName);

        Assert.Equal(["HelloPlugin.dll"], assemblies);
    }

    [Fact]
    public async Task Hello_replies_with_the_configured_greeting()
    {
        var dispatcher = Host.Services.GetRequiredService<ICommandDispatcher>();

        var plain = await dispatcher.DispatchAsync("/hello World", FromUser);
        var shouted = await dispatcher.DispatchAsync("/hello World --shout", FromUser);
        var bare = await dispatcher.DispatchAsync("/hello", FromUser);

        Assert.Equal($"{HelloPluginFixture.Greeting}, World!", plain.Text);
        Assert.Equal($"{HelloPluginFixture.Greeting}, World!".ToUpperInvariant(), shouted.Text);
        Assert.Equal($"{HelloPluginFixture.Greeting}, everyone!", bare.Text);
    }

    [Fact]
    public async Task Hello_is_listed_in_help()
    {
        var help = await Host.Services.GetRequiredService<ICommandDispatcher>().DispatchAsync("/help", FromUser);

        Assert.Contains("/hello [name] [--shout]", help.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_name_comes_back_as_a_reply_naming_the_field()
    {
        var reply = await Host.Services.GetRequiredService<ICommandDispatcher>().DispatchAsync("/hello R2D2", FromUser);

        Assert.Equal("Name: a name is letters, spaces, apostrophes and hyphens", reply.Text);
        Assert.Empty(await GreetedAsync("R2D2"));
    }

    [Fact]
    public async Task Counting_behaviour_sees_each_valid_hello_and_no_refused_one()
    {
        var dispatcher = Host.Services.GetRequiredService<ICommandDispatcher>();
        var before = await HelloCountAsync();

        await dispatcher.DispatchAsync("/hello Ada", FromUser);
        await dispatcher.DispatchAsync("/hello Ada --shout", FromUser);
        await dispatcher.DispatchAsync("/hello R2D2", FromUser);

        Assert.Equal(before + 2, await HelloCountAsync());
    }

    [Fact]
    public async Task Event_handler_records_the_greeting_in_the_plugins_own_table()
    {
        var sentAfter = DateTime.UtcNow.AddSeconds(-1);

        await Host.Services.GetRequiredService<ICommandDispatcher>().DispatchAsync("/hello Grace Hopper", FromUser);

        var row = Assert.Single(await GreetedAsync("Grace Hopper"));
        Assert.Equal(HostFixture.UserId, row.ActorId);
        Assert.InRange(row.SentAtUtc, sentAfter, DateTime.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Plugin_migrations_are_recorded_in_its_own_history_table()
    {
        await using var scope = Host.CreateScope(HostFixture.System);
        var database = PluginContext(scope);

        var tables = await database.Database
            .SqlQuery<string>($"SELECT name AS Value FROM sqlite_master WHERE type = 'table' AND name LIKE '%hello%'")
            .ToListAsync();
        var migrations = await database.Database
            .SqlQueryRaw<string>("SELECT MigrationId AS Value FROM \"__EFMigrationsHistory_hello\"")
            .ToListAsync();

        Assert.Contains(StorageConventions.MigrationsHistoryTable("hello"), tables);
        Assert.Contains("hello_greetings", tables);
        Assert.Contains(migrations, m => m.EndsWith("_InitialCreate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Readiness_includes_the_plugins_health_check()
    {
        using var client = Host.CreateClient();
        using var body = JsonDocument.Parse(await client.GetStringAsync(new Uri("/health/ready", UriKind.Relative)));

        var check = body.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "hello:greetings");
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Stats_endpoint_refuses_a_caller_without_a_token()
    {
        using var client = Host.CreateClient();

        var response = await client.GetAsync(new Uri("/api/hello/stats", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_task_queued_by_the_plugin_twice_with_one_delivery_key_exists_once_and_its_greeting_is_kept_when_it_finishes()
    {
        var dispatcher = Host.Services.GetRequiredService<ICommandDispatcher>();
        var delivery = FromUser with { IdempotencyKey = $"test:{Guid.NewGuid():N}" };

        var first = await dispatcher.DispatchAsync("/greetlater Ann", delivery);
        var again = await dispatcher.DispatchAsync("/greetlater Ann", delivery);

        Assert.False(first.IsProblem, first.Text);
        var id = first.Text.Split(' ')[1];
        Assert.Equal(first.Text, again.Text);
        var page = await Host.SendAsync(new ListTasks { Origin = GreetLaterOrigin }, HostFixture.User);
        Assert.Equal([id], page.Tasks.Where(t => t.Prompt == "Write a one-line greeting for Ann.").Select(t => t.Id));

        // The plugin's TaskFinished handler reads the output as the task's owner and keeps it.
        await Eventually.UntilAsync(async () => (await GreetedByTaskAsync(id)).Count > 0);
        var kept = Assert.Single(await GreetedByTaskAsync(id));
        Assert.Equal(HelloPluginFixture.ModelGreeting, kept.Name);
        Assert.Equal(HostFixture.UserId, kept.ActorId);
        var task = await Host.SendAsync(new GetTask(id), HostFixture.User);
        Assert.Equal((TaskState.Completed, "hello"), (task.State, task.Origin));
    }

    private const string GreetLaterOrigin = "hello";

    private async Task<List<TaskGreetingRow>> GreetedByTaskAsync(string taskId)
    {
        await using var scope = Host.CreateScope(HostFixture.System);
        return await PluginContext(scope).Database
            .SqlQuery<TaskGreetingRow>($"SELECT Name, ActorId FROM hello_greetings WHERE TaskId = {taskId}")
            .ToListAsync();
    }

    private sealed record TaskGreetingRow(string Name, long ActorId);

    private static DbContext PluginContext(AsyncServiceScope scope)
    {
        var registration = scope.ServiceProvider.GetServices<PluginDbContextRegistration>().Single(r => r.PluginId == "hello");
        return (DbContext)scope.ServiceProvider.GetRequiredService(registration.ContextType);
    }

    private async Task<List<GreetingRow>> GreetedAsync(string name)
    {
        await using var scope = Host.CreateScope(HostFixture.System);
        return await PluginContext(scope).Database
            .SqlQuery<GreetingRow>($"SELECT ActorId, SentAtUtc FROM hello_greetings WHERE Name = {name}")
            .ToListAsync();
    }

    private async Task<long> HelloCountAsync()
    {
        using var client = Host.CreateClient(Host.AdminToken);
        using var stats = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/hello/stats", UriKind.Relative)));
        return stats.RootElement.TryGetProperty("SayHello.Command", out var count) ? count.GetInt64() : 0;
    }

    private sealed record GreetingRow(long ActorId, DateTime SentAtUtc);
}
