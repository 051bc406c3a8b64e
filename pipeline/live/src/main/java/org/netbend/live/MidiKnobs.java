package org.netbend.live;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.MidiUnavailableException;
import javax.sound.midi.Receiver;
import javax.sound.midi.ShortMessage;

/**
 * The controllers of MIDI input devices as the sources {@code ccN@ctl}: the last value (0..127) of controller N on
 * any channel, 0 until it moves. A {@link Receiver}, so a device's transmitter (or a test) sends to it directly;
 * thread-safe, read by the loop once per frame.
 */
public final class MidiKnobs implements Receiver {
    private final AtomicIntegerArray values = new AtomicIntegerArray(128);
    private final List<MidiDevice> devices = new ArrayList<>();

    /** The value 0..127 of controller {@code number}. */
    public int value(int number) { return values.get(number); }

    @Override
    public void send(MidiMessage message, long timeStamp) {
        if (message instanceof ShortMessage m && m.getCommand() == ShortMessage.CONTROL_CHANGE) {
            values.set(m.getData1(), m.getData2());
        }
    }

    /** The MIDI devices that send (controllers, keyboards), by the names {@code --midi} takes. */
    public static List<String> available() {
        List<String> names = new ArrayList<>();
        for (MidiDevice.Info info : MidiSystem.getMidiDeviceInfo()) {
            try {
                if (MidiSystem.getMidiDevice(info).getMaxTransmitters() != 0) {
                    names.add(info.getName());
                }
            } catch (MidiUnavailableException e) {
                // listed but unusable: not offered
            }
        }
        return names;
    }

    /** Listens to the input device {@code name}. @throws LiveInputException naming the devices there are */
    public void connect(String name) throws LiveInputException {
        for (MidiDevice.Info info : MidiSystem.getMidiDeviceInfo()) {
            if (!info.getName().equals(name)) {
                continue;
            }
            try {
                MidiDevice device = MidiSystem.getMidiDevice(info);
                if (device.getMaxTransmitters() == 0) {
                    continue;
                }
                device.open();
                device.getTransmitter().setReceiver(this);
                devices.add(device);
                return;
            } catch (MidiUnavailableException e) {
                throw new LiveInputException("MIDI device " + name + " cannot be opened: " + e.getMessage(), e);
            }
        }
        List<String> names = available();
        throw new LiveInputException("no MIDI input device " + name + "; available: "
                + (names.isEmpty() ? "none" : String.join(", ", names)));
    }

    @Override
    public void close() {
        devices.forEach(MidiDevice::close);
        devices.clear();
    }
}
