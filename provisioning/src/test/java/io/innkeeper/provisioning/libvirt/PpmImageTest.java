package io.innkeeper.provisioning.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** QEMU's PPM screen dumps become PNGs with the same pixels. */
class PpmImageTest {

    @Test
    void turnsABinaryPpmIntoAPngWithTheSamePixels() throws Exception {
        ByteArrayOutputStream ppm = new ByteArrayOutputStream();
        ppm.writeBytes("P6\n# made by a test\n3 2\n255\n".getBytes(StandardCharsets.US_ASCII));
        ppm.writeBytes(new byte[] { (byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, 10, 20, 30,
                (byte) 255, (byte) 255, (byte) 255 });
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(PpmImage.toPng(ppm.toByteArray())));
        assertThat(png.getWidth()).isEqualTo(3);
        assertThat(png.getHeight()).isEqualTo(2);
        assertThat(png.getRGB(0, 0) & 0xffffff).isEqualTo(0xff0000);
        assertThat(png.getRGB(1, 0) & 0xffffff).isEqualTo(0x00ff00);
        assertThat(png.getRGB(2, 0) & 0xffffff).isEqualTo(0x0000ff);
        assertThat(png.getRGB(0, 1) & 0xffffff).isEqualTo(0x000000);
        assertThat(png.getRGB(1, 1) & 0xffffff).isEqualTo(0x0a141e);
        assertThat(png.getRGB(2, 1) & 0xffffff).isEqualTo(0xffffff);
    }

    @Test
    void refusesWhatIsNotAWholeP6Image() {
        assertThatThrownBy(() -> PpmImage.toPng("P3\n1 1\n255\n0 0 0\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PpmImage.toPng("P6\n4 4\n255\nabc".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("cut short");
        assertThatThrownBy(() -> PpmImage.toPng("P6\n99999999 1\n255\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
