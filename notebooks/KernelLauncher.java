import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Starts rapaio-jupyter-kernel as its MainApp does, with one fix: the kernel binds its sockets before it creates
 * its table of message handlers, so a request that Jupyter queued while the JVM was starting (always the case
 * with Spark's long classpath) hits a null table and kills the shell thread ("Kernel didn't respond in 60
 * seconds"). Here the table exists before the sockets are bound: an early request finds no handler, is logged and
 * dropped, and Jupyter asks again. Reflection only, so this file compiles on its own (java's source-file mode).
 */
public class KernelLauncher {
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: KernelLauncher <connection file>");
    }
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
    channelsClass.getMethod("joinUntilClose").invoke(channels);
  }
}
