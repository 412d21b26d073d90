import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Starts rapaio-jupyter-kernel as its MainApp does, with two fixes. First, the kernel binds its sockets before it creates
 * its table of message handlers, so a request that Jupyter queued while the JVM was starting (always the case
 * with Spark's long classpath) hits a null table and kills the shell thread ("Kernel didn't respond in 60
 * seconds"). Here the table exists before the sockets are bound: an early request finds no handler, is logged and
 * dropped, and Jupyter asks again. Second, its LoopThread.start() starts the thread before it sets the thread's
 * running flag: a thread that gets the CPU first sees the flag false and ends at once, silently. When that thread is
 * the shell channel's, nothing ever answers ("Kernel didn't respond in 150 seconds": 4 of 21 starts on this
 * 2-core machine, and 3 starts in a row in one CI run). So each channel's loop thread is stopped and started again
 * with the flag set first. Uncaught exceptions in the kernel's threads go to the real stderr (the kernel sends
 * System.err to the notebook). Reflection only, so this file compiles on its own (java's source-file mode).
 */
public class KernelLauncher {
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: KernelLauncher <connection file>");
    }
    PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      stderr.println("news-topics kernel: thread " + thread.getName() + " died:");
      e.printStackTrace(stderr);
    });
    Class<?> mainApp = Class.forName("org.rapaio.jupyter.kernel.MainApp"); // its static init creates the kernel
    LogManager.getLogManager().readConfiguration(mainApp.getClassLoader().getResourceAsStream("logging.properties"));
    // The kernel's logging.properties sets the JUL root to FINEST: Janino (Spark's code generator) then logs
    // every step, through Spark's JUL-to-SLF4J bridge, and fails on its own log messages. Warnings only.
    Logger.getLogger("").setLevel(Level.WARNING);
    Field kernelField = mainApp.getDeclaredField("kernel");
    kernelField.setAccessible(true);
    Object kernel = kernelField.get(null);

    Class<?> propsClass = Class.forName("org.rapaio.jupyter.kernel.core.ConnectionProperties");
    Method fromJson = Class.forName("org.rapaio.jupyter.kernel.core.Transform")
        .getMethod("fromJson", String.class, Class.class);
    Object props = fromJson.invoke(null, Files.readString(Path.of(args[0])), propsClass);

    Class<?> channelsClass = Class.forName("org.rapaio.jupyter.kernel.channels.Channels");
    Object channels = channelsClass.getConstructor(propsClass).newInstance(props);
    Field handlers = channelsClass.getDeclaredField("handlers");
    handlers.setAccessible(true);
    handlers.set(channels, new HashMap<>());
    channelsClass.getMethod("connect", kernel.getClass()).invoke(channels, kernel);
    for (String channel : List.of("shell", "control", "heartbeat")) {
      restartLoop(field(channelsClass, channel).get(channels));
    }
    channelsClass.getMethod("joinUntilClose").invoke(channels);
  }

  /** Stops the channel's loop thread (it ends after its current poll) and starts a new one, running from the start. */
  private static void restartLoop(Object channel) throws Exception {
    Field loopField = field(channel.getClass(), "loopThread");
    Thread old = (Thread) loopField.get(channel);
    Class<?> loopClass = old.getClass();
    loopClass.getMethod("shutdown").invoke(old);
    old.join();
    Thread loop = (Thread) loopClass.getConstructor(String.class, long.class, Runnable.class)
        .newInstance(old.getName(), field(loopClass, "sleep").get(old), field(loopClass, "loopBody").get(old));
    field(loopClass, "running").set(loop, true);
    loopField.set(channel, loop);
    loop.start();
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    Field f = type.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }
}
