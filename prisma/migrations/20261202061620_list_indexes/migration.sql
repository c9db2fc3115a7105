-- CreateIndex
CREATE INDEX "Host_address_idx" ON "Host"("address");

-- CreateIndex
CREATE INDEX "AuditLog_result_at_idx" ON "AuditLog"("result", "at");

-- CreateIndex
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");

-- CreateIndex
CREATE INDEX "Certificate_current_notAfter_idx" ON "Certificate"("current", "notAfter");
