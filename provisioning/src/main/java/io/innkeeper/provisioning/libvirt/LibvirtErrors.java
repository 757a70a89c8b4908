package io.innkeeper.provisioning.libvirt;

import java.util.EnumSet;
import java.util.Set;

import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

import io.innkeeper.provisioning.driver.DriverException;

/** Maps libvirt's error codes onto the driver's small error family. */
final class LibvirtErrors {

    private static final Set<ErrorNumber> CONNECTION = EnumSet.of(ErrorNumber.VIR_ERR_NO_CONNECT,
            ErrorNumber.VIR_ERR_INVALID_CONN, ErrorNumber.VIR_ERR_RPC, ErrorNumber.VIR_ERR_SYSTEM_ERROR,
            ErrorNumber.VIR_ERR_AUTH_FAILED, ErrorNumber.VIR_ERR_AUTH_UNAVAILABLE);

    private static final Set<ErrorNumber> NOT_FOUND = EnumSet.of(ErrorNumber.VIR_ERR_NO_DOMAIN,
            ErrorNumber.VIR_ERR_NO_DOMAIN_SNAPSHOT);

    private static final Set<ErrorNumber> CONFLICT = EnumSet.of(ErrorNumber.VIR_ERR_OPERATION_INVALID,
            ErrorNumber.VIR_ERR_DOM_EXIST);

    private static final Set<ErrorNumber> UNSUPPORTED = EnumSet.of(ErrorNumber.VIR_ERR_NO_SUPPORT,
            ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED, ErrorNumber.VIR_ERR_XML_ERROR, ErrorNumber.VIR_ERR_XML_DETAIL,
            ErrorNumber.VIR_ERR_OPERATION_UNSUPPORTED);

    private LibvirtErrors() {
    }

    static boolean isConnectionFailure(LibvirtException e) {
        return e.getError() != null && CONNECTION.contains(e.getError().getCode());
    }

    static DriverException translate(String uri, LibvirtException e) {
        ErrorNumber code = e.getError() == null ? null : e.getError().getCode();
        String message = uri + ": " + e.getMessage();
        if (code != null && NOT_FOUND.contains(code)) {
            return new DriverException.NotFoundOnHost(message, e);
        }
        if (code != null && CONFLICT.contains(code)) {
            return new DriverException.Conflict(message, e);
        }
        if (code != null && UNSUPPORTED.contains(code)) {
            return new DriverException.Unsupported(message, e);
        }
        return new DriverException.Transient(message, e);
    }
}
