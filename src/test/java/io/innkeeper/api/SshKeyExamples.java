package io.innkeeper.api;

/** Real public keys made with ssh-keygen for the tests (their private halves were thrown away). */
final class SshKeyExamples {

    private SshKeyExamples() {
    }

    static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGCP5ZkltsZN79U+sBsk68enS7M/FlR3F7eJ56TiwheQ alice@laptop";
    static final String ED25519_FINGERPRINT = "SHA256:t7JWqxx7rd3Wd++QlVLEeuO0FdSHDeEQZtFAVV6q4Zw";
    static final String RSA_2048 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC2b2HPlJZh+or088NTkr73wW3GHxPTQStq73kev3b7gxnzCD5yf3fVL7iHbs3YuEgqdjkXGrz0yPESgoGFJocWDp15+BD3Znj4fXVPo+R+HORck4+4L9zwMqULt6CmrB5WKNMttFvgc4rv+sMNODp9QWyah+ak5DuYS2edDl/DBgVF2bGnN45mPL07SmAtDIZ6h4i4Dhlm6JGw6rzYtdn+Y5RpeXpGoFpY68YPlaN71GaMVQH02Vu5/z1r6xB5c82QBd3bzpgjCyVYxSY1dOCKh0337f8KfGAqsSYSstgWSgqz83rNuc3XA9MVU9p3wyljW02j2+7uFjy2XLWd8qNh bob@desk";
    static final String RSA_2048_FINGERPRINT = "SHA256:RXdQ5OV3HrhUdSUpPDrTyOESPLf0orT2irVE3cK2OOw";
    static final String ECDSA_256 = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBFEwekL0dG8hFkeL3tE56+qvcEhMoOIkGLDicmYcev7SmHOUQdijCxv9216exzwWkMOS+fXfOkb86Uqsm9CxvTM= ci";
    static final String RSA_1024 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDCxEG36ZbjCyuynzPo+eYh3eNxW6qc+ZNBNoXgqJKvmzcgOp80MevQ5uy7fZNVI1B6EWk993+eh0trOkIj8vlTLZ+0R4FC8IrOKBGzO2oF0CV2DnIN1Ojj/upZwivBDRN3ecP+CKrleyhEfy9foNk1ZkhYwoq9EtEI84NYVP9uWw== root@vm";
    static final String ED25519_SECOND = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFw7WqmQJZoaJmG+L2SCtlWj/uzF0k4ZDm3IxYrbqBqG second";
}
