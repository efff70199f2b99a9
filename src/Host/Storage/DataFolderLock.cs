namespace PluginBot.Host.Storage;

/// <summary>
/// The running bot's claim on its data folder: <c>&lt;data&gt;/pluginbot.lock</c>, opened without sharing (an OS lock,
/// released when the process dies, so a crash leaves nothing stale). Whoever holds it is alone on the database and
/// may migrate it and clear a migration lock left by a crash; a CLI verb that finds it held runs beside the bot and
/// does neither.
/// </summary>
internal sealed class DataFolderLock(string dataDirectory) : IDisposable
{
    private readonly Lock _gate = new();
    private FileStream? _file;

    public string FilePath { get; } = Path.Combine(dataDirectory, "pluginbot.lock");

    public bool Held
    {
        get
        {
            lock (_gate)
            {
                return _file is not null;
            }
        }
    }

    /// <summary>Takes the lock unless another process (or another host in this one) holds it; true when this one holds it.</summary>
    public bool TryAcquire()
    {
        lock (_gate)
        {
            if (_file is not null)
            {
                return true;
            }

            try
            {
                Directory.CreateDirectory(dataDirectory);
                _file = new FileStream(FilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new DatabaseUnavailableException(
                    $"Cannot write to the data folder {dataDirectory} ({ex.Message.TrimEnd('.')}): set Kernel:DataDirectory to a writable folder, or fix its permissions.", ex);
            }
        }
    }

    /// <summary>What to tell a process that must be alone (the bot, <c>pluginbot migrate</c>) when another holds the lock.</summary>
    public string HeldElsewhereMessage =>
        $"Another PluginBot process is running with the data folder {dataDirectory} ({FilePath} is locked): stop it first, or give this one its own data folder (Kernel:DataDirectory).";

    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
            _file = null;
        }
    }
}
