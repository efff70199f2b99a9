using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Errors;
using PluginBot.Plugins.Tasks.Engine;

namespace PluginBot.Plugins.Tasks.Tests.Engine;

public sealed class InstanceIdentityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pluginbot-instance-").FullName;

    [Fact]
    public void The_id_is_kept_across_starts_and_a_second_process_on_the_same_folder_is_refused()
    {
        string first;
        using (var running = new InstanceIdentity(Options.Create(new TasksOptions()), _folder))
        {
            first = running.Id;

            var error = Assert.Throws<PluginStartException>(() => new InstanceIdentity(Options.Create(new TasksOptions()), _folder));

            Assert.StartsWith($"Another PluginBot process is running with the data folder {_folder}", error.Message, StringComparison.Ordinal);
        }

        using var restarted = new InstanceIdentity(Options.Create(new TasksOptions()), _folder);
        Assert.Equal(first, restarted.Id);
    }

    [Fact]
    public void A_configured_id_takes_no_lock()
    {
        var options = Options.Create(new TasksOptions { InstanceId = "web-1" });
        using var one = new InstanceIdentity(options, _folder);
        using var two = new InstanceIdentity(options, _folder);

        Assert.Equal(("web-1", "web-1"), (one.Id, two.Id));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
