// Drives Espressif's esptool-js (npm "esptool-js") against a virtual ESP served on TCP, the way a web
// page drives a board through Web Serial: connect without reset, detect the chip, upload the stub,
// optionally change the baud rate, write an image compressed, verify it by MD5, read some of it back.
//
// Usage: node flash-virtual-esp.mjs <esptool-js dir> <host> <port> <image file> <offset> <baud>
// Prints one JSON object on stdout (the last line); esptool-js's own log goes to stderr.

import net from "node:net";
import crypto from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [esptoolDir, host, portText, imagePath, offsetText, baudText] = process.argv.slice(2);
if (!esptoolDir || !host || !portText || !imagePath || !offsetText || !baudText) {
  console.error("usage: node flash-virtual-esp.mjs <esptool-js dir> <host> <port> <image> <offset> <baud>");
  process.exit(2);
}

/**
 * The part of the Web Serial SerialPort interface esptool-js uses, over a TCP socket: open/close,
 * readable/writable web streams, setSignals (no control lines on TCP), getInfo, and setBaudRate so that
 * esptool-js changes the rate in place instead of closing and reopening the port.
 */
class TcpSerialPort {
  constructor(hostName, tcpPort) {
    this.hostName = hostName;
    this.tcpPort = tcpPort;
    this.socket = null;
    this.readable = null;
    this.writable = null;
    this.baudRate = 0;
  }

  async open(options) {
    this.baudRate = options.baudRate;
    const socket = await new Promise((resolve, reject) => {
      const s = net.connect({ host: this.hostName, port: this.tcpPort }, () => resolve(s));
      s.once("error", reject);
    });
    socket.setNoDelay(true);
    this.socket = socket;
    this.readable = new ReadableStream({
      start(controller) {
        socket.on("data", (chunk) => controller.enqueue(new Uint8Array(chunk)));
        socket.on("close", () => {
          try {
            controller.close();
          } catch {
            // already closed or cancelled
          }
        });
        socket.on("error", (err) => {
          try {
            controller.error(err);
          } catch {
            // already closed
          }
        });
      },
      cancel() {
        socket.destroy();
      },
    });
    this.writable = new WritableStream({
      write(chunk) {
        return new Promise((resolve, reject) => socket.write(Buffer.from(chunk), (err) => (err ? reject(err) : resolve())));
      },
    });
  }

  async close() {
    if (this.socket) {
      this.socket.destroy();
    }
    this.socket = null;
    this.readable = null;
    this.writable = null;
  }

  async setSignals() {
    // TCP carries no DTR/RTS; esptool-js is run with "no_reset".
  }

  async setBaudRate(baud) {
    this.baudRate = baud;
  }

  getInfo() {
    // A CP2102 bridge: tells esptool-js this is a plain UART, not native USB.
    return { usbVendorId: 0x10c4, usbProductId: 0xea60 };
  }
}

const terminal = {
  clean() {},
  writeLine(line) {
    process.stderr.write(line + "\n");
  },
  write(text) {
    process.stderr.write(text);
  },
};

const md5Hex = (bytes) => crypto.createHash("md5").update(bytes).digest("hex");

async function main() {
  const { ESPLoader, Transport } = await import(pathToFileURL(join(esptoolDir, "lib", "index.js")).href);
  const image = new Uint8Array(await readFile(imagePath));
  const offset = Number(offsetText);
  const baud = Number(baudText);
  const started = Date.now();

  const port = new TcpSerialPort(host, Number(portText));
  const transport = new Transport(port, false);
  const loader = new ESPLoader({ transport, baudrate: baud, romBaudrate: 115200, terminal });

  const description = await loader.main("no_reset");
  const mac = await loader.chip.readMac(loader);
  const flashId = await loader.readFlashId();

  const writeStarted = Date.now();
  await loader.writeFlash({
    fileArray: [{ data: image, address: offset }],
    flashSize: "keep",
    flashMode: "keep",
    flashFreq: "keep",
    eraseAll: false,
    compress: true,
    calculateMD5Hash: md5Hex,
  });

  const writeMs = Date.now() - writeStarted;
  // The whole job as a user sees it: connect, stub, detect, write, verify (what the SDK's flash also does).
  const jobMs = Date.now() - started;

  // esptool-js pads the image to 4 bytes before writing; the flash MD5 covers the padded length.
  const padded = Math.ceil(image.length / 4) * 4;
  const flashMd5 = await loader.flashMd5sum(offset, padded);
  const readLength = Math.min(image.length, 8192);
  const readBack = await loader.readFlash(offset, readLength);
  const readBackMatches = md5Hex(readBack) === md5Hex(image.subarray(0, readLength));

  const result = {
    chip: loader.chip.CHIP_NAME,
    description,
    mac,
    flashId,
    stub: loader.IS_STUB,
    baud: transport.baudrate,
    imageMd5: md5Hex(image),
    flashMd5,
    readBackMatches,
    elapsedMs: Date.now() - started,
    writeMs,
    jobMs,
  };
  await transport.disconnect();
  return result;
}

main().then(
  (result) => {
    process.stdout.write(JSON.stringify(result) + "\n");
    process.exit(0);
  },
  (err) => {
    process.stdout.write(JSON.stringify({ error: String(err && err.message ? err.message : err) }) + "\n");
    process.exit(1);
  },
);
